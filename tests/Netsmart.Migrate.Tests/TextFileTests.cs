using System;
using System.IO;
using System.Linq;
using Netsmart.Migrate.Input;

namespace Netsmart.Migrate.Tests;

/// <summary>How a file's bytes become the text the tool reads, and which files it refuses.</summary>
public sealed class TextFileTests
{
    [Theory]
    [InlineData(new byte[] { 0x61, 0xC3, 0xA9, 0x0A }, "aé\n", "utf-8", false)]                      // UTF-8, no mark
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x61, 0x0A }, "a\n", "utf-8", true)]                  // UTF-8 with its mark
    [InlineData(new byte[] { 0xFF, 0xFE, 0x61, 0x00, 0x0A, 0x00 }, "a\n", "utf-16", true)]          // UTF-16 LE
    [InlineData(new byte[] { 0xFE, 0xFF, 0x00, 0x61, 0x00, 0x0A }, "a\n", "utf-16BE", true)]        // UTF-16 BE
    [InlineData(new byte[] { 0x61, 0xE9, 0x0A }, "aé\n", "iso-8859-1", false)]                       // not UTF-8: Latin-1, byte for byte
    [InlineData(new byte[0], "", "utf-8", false)]
    public void A_file_is_decoded_by_its_byte_order_mark_or_as_UTF_8_or_else_Latin_1(byte[] bytes, string text, string encoding, bool bom)
    {
        using var tree = new TempFolder();
        string path = tree.WriteBytes("A.cs", bytes);

        TextFile file = TextFile.Read(path);

        Assert.Equal(text, file.Text);
        Assert.Equal(encoding, file.Encoding.WebName);
        Assert.Equal(bom, file.HasBom);
    }

    [Theory]
    [InlineData(new byte[] { 0x61, 0x00, 0x62 }, "it holds NUL characters: not a text file")]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x61, 0xFF }, "the bytes do not match the file's byte order mark")]
    public void A_file_that_is_not_text_is_refused_with_the_reason(byte[] bytes, string reason)
    {
        using var tree = new TempFolder();
        string path = tree.WriteBytes("A.cs", bytes);

        InvalidDataException error = Assert.Throws<InvalidDataException>(() => TextFile.Read(path));

        Assert.StartsWith(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_of_every_size_read_after_one_another_keep_their_own_text()
    {
        // The bytes go through a shared pool of buffers: a large file after a small one (and the reverse) must not see the
        // other's bytes.
        using var tree = new TempFolder();
        int[] sizes = { 3_000_000, 10, 1_048_577, 0, 4_097, 2_500_000, 1 };
        string[] paths = sizes.Select((size, i) => tree.Write($"F{i}.cs", new string((char)('a' + i), size))).ToArray();

        for (int round = 0; round < 2; round++)
        {
            for (int i = 0; i < sizes.Length; i++)
            {
                string text = TextFile.Read(paths[i]).Text;
                Assert.Equal(sizes[i], text.Length);
                Assert.True(text.All(c => c == (char)('a' + i)), paths[i]);
            }
        }
    }

    [Fact]
    public void A_missing_file_is_an_IO_error()
    {
        using var tree = new TempFolder();

        Assert.ThrowsAny<IOException>(() => TextFile.Read(Path.Combine(tree.Root, "missing.cs")));
    }
}
