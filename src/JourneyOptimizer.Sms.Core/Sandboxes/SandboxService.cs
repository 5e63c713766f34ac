using FluentValidation;
using JourneyOptimizer.Sms.Core.Audit;
using JourneyOptimizer.Sms.Core.Common;
using JourneyOptimizer.Sms.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace JourneyOptimizer.Sms.Core.Sandboxes;

public enum SandboxOutcome
{
    Created,
    Updated,
    NotFound,
    Invalid,
    NameTaken,
    ConcurrencyConflict,
}

public sealed record SandboxResult(SandboxOutcome Outcome, int? Id = null, IReadOnlyList<FieldError>? Errors = null)
{
    public IReadOnlyList<FieldError> FieldErrors => Errors ?? [];
}

/// <summary>Lists, creates and renames sandboxes; makes sure the default <c>prod</c> sandbox exists.</summary>
public sealed class SandboxService(SmsDbContext db, AuditLog audit, TimeProvider time, IValidator<SandboxInput> validator, IMemoryCache cache)
{
    public const string AuditObjectType = "Sandbox";

    /// <summary>
    /// Every page resolves its sandbox and lists them for the switcher, so the (short) list is cached briefly. A name
    /// that is not in the cache is looked up in the database, so a sandbox created on another instance is found at
    /// once; a title renamed on another instance shows within <see cref="CacheLifetime"/>.
    /// </summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);

    private const string CacheKey = "JourneyOptimizer.Sms.Sandboxes";

    public async Task<List<SandboxRef>> ListAsync(CancellationToken cancellationToken) =>
        [.. await AllAsync(cancellationToken)];

    private async Task<IReadOnlyList<SandboxRef>> AllAsync(CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(CacheKey, out IReadOnlyList<SandboxRef>? cached) && cached is not null)
        {
            return cached;
        }

        var all = await db.Sandboxes.AsNoTracking().OrderBy(s => s.Name).Select(s => new SandboxRef(s.Id, s.Name, s.Title))
            .ToListAsync(cancellationToken);
        cache.Set(CacheKey, (IReadOnlyList<SandboxRef>)all, CacheLifetime);
        return all;
    }

    /// <summary>The sandboxes a user may see: all of them for a System administrator, else those with a permission.</summary>
    public Task<List<SandboxRef>> ListForUserAsync(string userId, bool isSystemAdministrator, CancellationToken cancellationToken)
    {
        if (isSystemAdministrator)
        {
            return ListAsync(cancellationToken);
        }

        return db.SandboxPermissions.AsNoTracking()
            .Where(p => p.UserId == userId)
            .Select(p => p.Sandbox!)
            .OrderBy(s => s.Name)
            .Select(s => new SandboxRef(s.Id, s.Name, s.Title))
            .ToListAsync(cancellationToken);
    }

    public async Task<SandboxRef?> FindByNameAsync(string name, CancellationToken cancellationToken)
    {
        var cached = (await AllAsync(cancellationToken)).FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));
        if (cached is not null)
        {
            return cached;
        }

        var found = await db.Sandboxes.AsNoTracking().Where(s => s.Name == name).Select(s => new SandboxRef(s.Id, s.Name, s.Title))
            .FirstOrDefaultAsync(cancellationToken);
        if (found is not null)
        {
            cache.Remove(CacheKey);
        }

        return found;
    }

    public Task<Sandbox?> FindAsync(int id, CancellationToken cancellationToken) =>
        db.Sandboxes.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);

    public async Task<SandboxResult> CreateAsync(SandboxInput input, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var validation = validator.Validate(input);
        if (!validation.IsValid)
        {
            return new SandboxResult(SandboxOutcome.Invalid, null,
                validation.Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage)).ToList());
        }

        var name = input.Name!;
        if (await db.Sandboxes.AnyAsync(s => s.Name == name, cancellationToken))
        {
            return NameTaken();
        }

        var sandbox = new Sandbox { Name = name, Title = input.Title!.Trim(), CreatedAtUtc = time.GetUtcNow().UtcDateTime, Version = 1 };
        db.Sandboxes.Add(sandbox);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            audit.Record(actor, sandbox.Id, AuditObjectType, sandbox.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                sandbox.Name, AuditLog.Actions.Created,
                [new AuditChange("Name", null, sandbox.Name), new AuditChange("Title", null, sandbox.Title)]);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return NameTaken();
        }

        cache.Remove(CacheKey);
        return new SandboxResult(SandboxOutcome.Created, sandbox.Id);
    }

    /// <summary>Changes the title (the name is part of every bookmarked URL and stays).</summary>
    public async Task<SandboxResult> RenameAsync(int id, string? title, int expectedVersion, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var sandbox = await db.Sandboxes.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (sandbox is null)
        {
            return new SandboxResult(SandboxOutcome.NotFound);
        }

        var validation = validator.Validate(new SandboxInput { Name = sandbox.Name, Title = title });
        if (!validation.IsValid)
        {
            return new SandboxResult(SandboxOutcome.Invalid, id,
                validation.Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage)).ToList());
        }

        if (sandbox.Version != expectedVersion)
        {
            return new SandboxResult(SandboxOutcome.ConcurrencyConflict, id,
                [new FieldError(FieldError.FormLevel, "Someone else changed this sandbox after you opened it. Reload the page and try again.")]);
        }

        var newTitle = title!.Trim();
        if (newTitle == sandbox.Title)
        {
            return new SandboxResult(SandboxOutcome.Updated, id);
        }

        audit.Record(actor, id, AuditObjectType, id.ToString(System.Globalization.CultureInfo.InvariantCulture), sandbox.Name,
            AuditLog.Actions.Updated, [new AuditChange("Title", sandbox.Title, newTitle)]);
        sandbox.Title = newTitle;
        sandbox.Version = expectedVersion + 1;
        db.Entry(sandbox).Property(s => s.Version).OriginalValue = expectedVersion;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new SandboxResult(SandboxOutcome.ConcurrencyConflict, id,
                [new FieldError(FieldError.FormLevel, "Someone else changed this sandbox after you opened it. Reload the page and try again.")]);
        }

        cache.Remove(CacheKey);
        return new SandboxResult(SandboxOutcome.Updated, id);
    }

    /// <summary>A new installation has one sandbox, <c>prod</c>.</summary>
    public async Task EnsureDefaultAsync(CancellationToken cancellationToken)
    {
        if (await db.Sandboxes.AnyAsync(cancellationToken))
        {
            return;
        }

        db.Sandboxes.Add(new Sandbox
        {
            Name = Sandbox.DefaultName,
            Title = "Production",
            CreatedAtUtc = time.GetUtcNow().UtcDateTime,
            Version = 1,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance created it at the same moment.
            db.ChangeTracker.Clear();
        }
    }

    private static SandboxResult NameTaken() => new(SandboxOutcome.NameTaken, null,
        [new FieldError(nameof(SandboxInput.Name), "A sandbox with this name already exists.")]);
}
