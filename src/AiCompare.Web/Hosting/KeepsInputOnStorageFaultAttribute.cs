namespace AiCompare.Web.Hosting;

/// <summary>
/// On an admin page handler that saves what an editor typed: when the save meets a storage fault, the same
/// page is shown again (503, <c>Retry-After</c>) with the input and "Not saved", instead of an error page
/// (<see cref="StorageFaultPageFilter"/>). The handler must have set up everything its page shows before it writes.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class KeepsInputOnStorageFaultAttribute : Attribute;
