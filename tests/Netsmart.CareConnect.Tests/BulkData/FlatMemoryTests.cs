using System.IO;
using Netsmart.CareConnect.BulkData;
using Task = System.Threading.Tasks.Task;

namespace Netsmart.CareConnect.Tests.BulkData;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FlatMemoryCollection
{
    public const string Name = "Bulk Data flat memory (runs alone)";
}

/// <summary>
/// A 200 MB ndjson file, generated on the fly by the fake server, is read line by line and streamed to a stream. What the
/// whole process allocates meanwhile (client, Kestrel and TLS on both ends) must stay far below the file size: the file is
/// never buffered. Allocation counts do not depend on timing, so the bound holds on a busy machine.
/// </summary>
[Collection(FlatMemoryCollection.Name)]
public sealed class FlatMemoryTests
{
    private const long Lines = 200_000; // x 1000 bytes = 200 MB
    private const long FileBytes = Lines * FakeBulkDataServer.BigLineBytes;
    private const long AllocationBound = 40L * 1024 * 1024; // 20 % of the file, generous for Kestrel/TLS/HttpClient overhead

    [Fact]
    public async Task A_200_MB_file_is_read_line_by_line_and_streamed_with_flat_memory()
    {
        var clock = new RecordingTimeProvider();
        await using var server = await FakeBulkDataServer.StartAsync(clock);
        server.Script = new[] { StatusStep.Complete };
        server.BigFileLines = Lines;
        using var http = server.CreateHttpClient();
        var client = new BulkDataClient(http, server.Tenant, server.CreateTokenProvider(http), new BulkDataClientOptions { HostPolicy = server.HostPolicy, TimeProvider = clock });
        var manifest = await (await client.StartExportAsync(new BulkExportRequest())).WaitForCompletionAsync();
        var big = manifest.Output.Single(f => f.Url.AbsolutePath.EndsWith("/Big.ndjson", StringComparison.Ordinal));

        var before = GC.GetTotalAllocatedBytes(precise: true);
        long lines = 0;
        long bytes = 0;
        var lastId = 0L;
        await foreach (var line in client.ReadLinesAsync(manifest, big))
        {
            lines++;
            bytes += line.Length + 1;
            lastId = long.Parse(line.Span.Slice(33, 12), provider: System.Globalization.CultureInfo.InvariantCulture);
        }

        var afterLines = GC.GetTotalAllocatedBytes(precise: true);
        var counting = new CountingStream();
        var streamed = await client.DownloadAsync(manifest, big, counting);
        var afterStream = GC.GetTotalAllocatedBytes(precise: true);

        Assert.Equal(Lines, lines);
        Assert.Equal(FileBytes, bytes);
        Assert.Equal(Lines - 1, lastId);
        Assert.Equal(Lines, streamed);
        Assert.Equal(FileBytes, counting.Length);
        Assert.True(afterLines - before < AllocationBound, "ReadLinesAsync allocated " + (afterLines - before) + " bytes for a " + FileBytes + "-byte file.");
        Assert.True(afterStream - afterLines < AllocationBound, "DownloadAsync allocated " + (afterStream - afterLines) + " bytes for a " + FileBytes + "-byte file.");
    }

    /// <summary>A write-only sink that only counts (a real Stream, so the copy path is the one a FileStream gets).</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;
    }
}
