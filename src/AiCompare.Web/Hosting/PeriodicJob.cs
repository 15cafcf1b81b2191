using AiCompare.Data;

namespace AiCompare.Web.Hosting;

/// <summary>
/// The loop of a background job that wakes every interval (the digest scheduler, the scheduled publisher).
/// A run that fails is tried again at the next wake: a storage fault (disk full, read-only, a held lock) logs
/// one line a run until it passes, since its stack trace says nothing new; anything else is logged with it.
/// </summary>
public static class PeriodicJob
{
    public static async Task RunAsync(string name, TimeSpan interval, Func<CancellationToken, Task> run, ILogger logger, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await run(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException && StorageFault.Classify(e) is { } fault)
            {
                logger.LogWarning("{Job} run failed, {Reason}: {Error}; it will try again", name, StorageFault.Reason(fault), e.GetBaseException().Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "{Job} run failed; it will try again", name);
            }
            try
            {
                await Task.Delay(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
