using System;

namespace Netsmart.Migrate.Input;

/// <summary>The input cannot be used at all (missing path, unknown file type, unreadable solution): exit code 2.</summary>
internal sealed class InputException : Exception
{
    public InputException(string message)
        : base(message)
    {
    }

    public InputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
