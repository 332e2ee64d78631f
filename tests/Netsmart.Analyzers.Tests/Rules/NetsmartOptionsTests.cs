namespace Netsmart.Analyzers.Tests.Rules;

/// <summary>What counts as a tenant expression: one check for the fixes and the CLI's --tenant-expression.</summary>
public class NetsmartOptionsTests
{
    [Theory]
    [InlineData("Settings.TenantId", "Settings.TenantId")]
    [InlineData("  Tenant.Id\t", "Tenant.Id")]
    [InlineData("options.Value.Tenants[\"agency-a\"]", "options.Value.Tenants[\"agency-a\"]")]
    [InlineData("GetTenant()", "GetTenant()")]
    [InlineData("Tenant Id", null)]
    [InlineData("Tenant.Id;", null)]
    [InlineData("Tenant.", null)]
    [InlineData("   ", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void ValidTenantIdExpression_accepts_one_csharp_expression_trimmed(string? configured, string? expected)
    {
        Assert.Equal(expected, NetsmartOptions.ValidTenantIdExpression(configured));
    }
}
