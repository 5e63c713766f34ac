using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace JourneyOptimizer.Sms.Performance.Seeder;

/// <summary>
/// A prepared <c>INSERT ... RETURNING</c> for one entity type, built from the EF model: the same table, the same
/// columns (the TPH discriminator included), the same value converters and the same parameter types as EF's own
/// insert, without EF's per-row change-tracking overhead. The generated key is skipped and returned.
/// </summary>
internal sealed class ModelInserter : IDisposable
{
    private readonly DbCommand _command;
    private readonly List<(IProperty Property, DbParameter Parameter)> _columns = [];

    public ModelInserter(DbContext db, Type clrType)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entityType = db.Model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType} is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var key = entityType.FindPrimaryKey()!.Properties.Single();

        _command = db.Database.GetDbConnection().CreateCommand();
        _command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                               ?? throw new InvalidOperationException("Begin a transaction first.");
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = new List<string>();
        foreach (var property in entityType.GetProperties().Where(p => p != key))
        {
            if (property.PropertyInfo is null)
            {
                throw new InvalidOperationException($"{entityType.DisplayName()}.{property.Name} is a shadow property: not supported.");
            }

            var name = "$p" + columns.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var parameter = ((RelationalTypeMapping)property.GetTypeMapping()).CreateParameter(_command, name, null, property.IsNullable);
            _command.Parameters.Add(parameter);
            _columns.Add((property, parameter));
            columns.Add(sql.DelimitIdentifier(property.GetColumnName(table)!));
        }

#pragma warning disable CA2100 // Identifiers come from the EF model, values are parameters.
        _command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns)}) " +
                               $"VALUES ({string.Join(", ", _columns.Select(c => c.Parameter.ParameterName))}) " +
                               $"RETURNING {sql.DelimitIdentifier(key.GetColumnName(table)!)};";
#pragma warning restore CA2100
        _command.Prepare();
    }

    /// <summary>Inserts the entity and returns its generated key.</summary>
    public async Task<long> InsertAsync(object entity, CancellationToken cancellationToken)
    {
        foreach (var (property, parameter) in _columns)
        {
            var value = property.PropertyInfo!.GetValue(entity);
            var converter = property.GetTypeMapping().Converter;
            parameter.Value = (converter is null || value is null ? value : converter.ConvertToProvider(value)) ?? DBNull.Value;
        }

        return Convert.ToInt64(await _command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => _command.Dispose();
}
