using System;
using System.Runtime.InteropServices;
using System.Text;

namespace TimConvGroup.Internal
{
    /// <summary>
    /// UTF-8 on every platform (never the "ANSI" code page): outgoing strings become
    /// NUL-terminated UTF-8 byte arrays that the marshaller pins for the call (nothing to free);
    /// incoming ones are decoded by hand (Marshal.PtrToStringUTF8 is not in .NET Standard 2.0).
    /// </summary>
    internal static class Utf8
    {
        private static readonly UTF8Encoding Encoding = new UTF8Encoding(false, false);
        private const int Chunk = 4096;

        [ThreadStatic] private static byte[] t_scratch;

        /// <summary>NUL-terminated UTF-8 bytes of s; null for null.</summary>
        internal static byte[] Z(string s)
        {
            if (s == null) return null;
            var n = Encoding.GetByteCount(s);
            var bytes = new byte[n + 1];
            Encoding.GetBytes(s, 0, s.Length, bytes, 0);
            return bytes;
        }

        /// <summary>Number of UTF-8 bytes of s.</summary>
        internal static int ByteCount(string s)
        {
            return s == null ? 0 : Encoding.GetByteCount(s);
        }

        /// <summary>
        /// Decodes a NUL-terminated UTF-8 string owned by native code ("" for NULL). Reads in
        /// pieces that never cross a 4 KiB boundary, so it never touches memory past the page
        /// that holds the terminating NUL.
        /// </summary>
        internal static string FromNative(IntPtr p)
        {
            if (p == IntPtr.Zero) return "";
            var scratch = t_scratch ?? (t_scratch = new byte[Chunk]);
            byte[] acc = null;
            var total = 0;
            var addr = p.ToInt64();
            while (true)
            {
                var n = Chunk - (int)(addr & (Chunk - 1));
                Marshal.Copy(new IntPtr(addr), scratch, 0, n);
                var z = Array.IndexOf<byte>(scratch, 0, 0, n);
                var take = z >= 0 ? z : n;
                if (acc == null && z >= 0)
                {
                    return Encoding.GetString(scratch, 0, take);
                }
                if (acc == null) acc = new byte[Math.Max(Chunk * 4, take)];
                if (total + take > acc.Length)
                {
                    var bigger = new byte[Math.Max(acc.Length * 2, total + take)];
                    Buffer.BlockCopy(acc, 0, bigger, 0, total);
                    acc = bigger;
                }
                Buffer.BlockCopy(scratch, 0, acc, total, take);
                total += take;
                if (z >= 0) return Encoding.GetString(acc, 0, total);
                addr += n;
            }
        }

        /// <summary>Decodes a NUL-terminated UTF-8 string in a managed buffer.</summary>
        internal static string FromBuffer(byte[] buffer)
        {
            var z = Array.IndexOf<byte>(buffer, 0);
            return Encoding.GetString(buffer, 0, z >= 0 ? z : buffer.Length);
        }
    }
}
