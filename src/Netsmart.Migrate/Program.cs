using System;
using System.Threading;
using System.Threading.Tasks;
using Netsmart.Migrate.Analysis;
using Netsmart.Migrate.Cli;

namespace Netsmart.Migrate;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        CollectionBudget.Enabled = true;
        LoadedSolution.StartWarmUp();
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        var environment = new CliEnvironment(Console.Out, Console.Error, Environment.CurrentDirectory, Interactive: true);
        return await MigrateCli.RunAsync(args, environment, cancel.Token).ConfigureAwait(false);
    }
}
