namespace JourneyOptimizer.Sms.Web.Infrastructure;

/// <summary>
/// A sandbox page that exists only to change something (Create, Delete): <see cref="SandboxPageFilter"/> refuses it
/// with 403 to a user without the Manage permission on GET too, so a View user never gets a form that would be refused.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class RequiresManageAttribute : Attribute;
