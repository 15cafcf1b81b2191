using AiCompare.Web.Hosting;
using Microsoft.Extensions.Options;

namespace AiCompare.Web.Pages.Votes;

/// <summary>Stops start-up with a message naming the setting when the address hash key cannot be had (ValidateOnStart).</summary>
public sealed class AddressHashKeyValidation(IConfiguration configuration) : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options) =>
        AddressHashKey.Resolve(options, AddressHashKey.DatabasePath(configuration), AddressHashKey.SharedDatabase(configuration)).Problem is { } problem
            ? ValidateOptionsResult.Fail(problem)
            : ValidateOptionsResult.Success;
}
