namespace JourneyOptimizer.Sms.Core.Credentials;

/// <summary>
/// What every vendor's credential form has in common: the name. Each vendor's input (<c>TwilioCredentialInput</c>,
/// <c>CustomCredentialInput</c>, ...) derives from it and adds its own fields; the pages and the REST API bind the
/// input type of the chosen vendor (<see cref="ICredentialVendor.InputType"/>).
/// </summary>
public abstract class ApiCredentialInput
{
    public string? Name { get; set; }
}
