using System;
using System.Buffers;
using System.IO;
using System.Text;
using Microsoft.CodeAnalysis.Text;
using Microsoft.Win32.SafeHandles;

namespace Netsmart.Migrate.Input;

/// <summary>
/// A text file as read from disk, with what is needed to write it back byte for byte where it did not change:
/// its encoding and whether it started with a byte order mark. Line endings are part of the text and are
/// never normalised.
/// </summary>
internal sealed class TextFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private TextFile(string path, string text, Encoding encoding, bool hasBom)
    {
        Path = path;
        Text = text;
        Encoding = encoding;
        HasBom = hasBom;
    }

    public string Path { get; }

    public string Text { get; }

    /// <summary>The encoding the file was decoded with (UTF-8, UTF-16 LE/BE; Latin-1 when the bytes are not UTF-8).</summary>
    public Encoding Encoding { get; }

    public bool HasBom { get; }

    public SourceText ToSourceText() => SourceText.From(Text, Encoding);

    /// <summary>Reads and decodes a file; throws <see cref="IOException"/>, <see cref="UnauthorizedAccessException"/> or <see cref="InvalidDataException"/>.</summary>
    public static TextFile Read(string path)
    {
        // The bytes are read into a pooled buffer: a scan reads every file of the input once, and a new array per file was a
        // third of what it allocated then (about 40 ms of collections on a 300,000-line tree).
        byte[]? rented = null;
        try
        {
            int length;
            byte[] bytes;
            using (SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete))
            {
                long size = RandomAccess.GetLength(handle);
                if (size > Array.MaxLength)
                {
                    bytes = File.ReadAllBytes(path); // throws as it does for a file too large to read
                    length = bytes.Length;
                }
                else
                {
                    // One byte more than the file holds: a read that fills it means the file grew meanwhile.
                    bytes = rented = ArrayPool<byte>.Shared.Rent((int)size + 1);
                    length = 0;
                    int read;
                    while (length < bytes.Length && (read = RandomAccess.Read(handle, bytes.AsSpan(length), length)) > 0)
                    {
                        length += read;
                    }

                    if (length > size)
                    {
                        bytes = File.ReadAllBytes(path); // it grew while it was read: read it whole, as before
                        length = bytes.Length;
                    }
                }
            }

            return Decode(path, bytes, length);
        }
        finally
        {
            if (rented != null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static TextFile Decode(string path, byte[] bytes, int length)
    {
        Encoding encoding;
        int skip;
        if (length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            encoding = StrictUtf8;
            skip = 3;
        }
        else if (length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            encoding = new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
            skip = 2;
        }
        else if (length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            encoding = new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);
            skip = 2;
        }
        else
        {
            encoding = StrictUtf8;
            skip = 0;
        }

        string text;
        try
        {
            text = encoding.GetString(bytes, skip, length - skip);
        }
        catch (DecoderFallbackException) when (skip == 0)
        {
            // Not UTF-8 and no BOM: Latin-1 maps every byte to one char, so unchanged text writes back identically.
            encoding = Encoding.Latin1;
            text = encoding.GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException("the bytes do not match the file's byte order mark (" + e.Message + ")", e);
        }

        if (text.IndexOf('\0', StringComparison.Ordinal) >= 0)
        {
            throw new InvalidDataException("it holds NUL characters: not a text file");
        }

        return new TextFile(path, text, encoding, skip > 0);
    }

    /// <summary>
    /// Writes <paramref name="newText"/> with this file's encoding and BOM. The bytes go to a temporary file in the
    /// same folder first, which then replaces the original in one rename: the file is never half-written.
    /// </summary>
    public void WriteAtomically(string newText) => WriteAtomically(newText, Path);

    /// <summary>
    /// As <see cref="WriteAtomically(string)"/>, to <paramref name="realPath"/>: the real file behind this file's path
    /// when that path is a symbolic link (the link stays; the temporary file is made next to the real file).
    /// </summary>
    public void WriteAtomically(string newText, string realPath)
    {
        byte[] preamble = HasBom ? Encoding.GetPreamble() is { Length: > 0 } p ? p : BomFor(Encoding) : Array.Empty<byte>();
        byte[] body = Encoding.GetBytes(newText);
        WriteBytesAtomically(realPath, preamble, body);
    }

    /// <summary>Writes a new file (or replaces one) through a temporary file in the same folder.</summary>
    public static void WriteBytesAtomically(string path, byte[] preamble, byte[] body)
    {
        string directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        string temp = System.IO.Path.Combine(directory, "." + System.IO.Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(preamble, 0, preamble.Length);
                stream.Write(body, 0, body.Length);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows() && File.Exists(path))
            {
                File.SetUnixFileMode(temp, File.GetUnixFileMode(path));
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static byte[] BomFor(Encoding encoding) => encoding switch
    {
        UTF8Encoding => new byte[] { 0xEF, 0xBB, 0xBF },
        UnicodeEncoding u when u.CodePage == 1201 => new byte[] { 0xFE, 0xFF },
        UnicodeEncoding => new byte[] { 0xFF, 0xFE },
        _ => Array.Empty<byte>(),
    };

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
