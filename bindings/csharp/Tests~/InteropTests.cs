using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using NUnit.Framework;
using TimConvGroup;
using TimConvGroup.Internal;

namespace TimConvGroup.Tests
{
    /// <summary>The IL2CPP rules, checked by reflection, and the UTF-8 marshalling.</summary>
    [TestFixture]
    public class InteropTests
    {
        private static readonly Assembly Binding = typeof(TencentIMSDK).Assembly;

        private static IEnumerable<MethodInfo> PInvokes()
        {
            return typeof(Native).GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
                .Where(m => m.GetCustomAttributes(typeof(DllImportAttribute), false).Length > 0);
        }

        private static Attribute MonoPInvokeCallback(MethodInfo m)
        {
            return m.GetCustomAttributes(false).Cast<Attribute>().FirstOrDefault(a => a.GetType().Name == "MonoPInvokeCallbackAttribute");
        }

        [Test]
        public void EveryNativeFacingDelegateTargetsAStaticMonoPInvokeCallback()
        {
            // (mcs adds compiler-generated caches of the same delegates; they are checked too, not counted.)
            var all = typeof(Thunks).GetFields(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
                .Where(f => typeof(Delegate).IsAssignableFrom(f.FieldType)).ToList();
            var fields = all.Where(f => !f.Name.StartsWith("<")).ToList();
            Assert.AreEqual(11, fields.Count);
            foreach (var f in all)
            {
                var d0 = (Delegate)f.GetValue(null);
                if (d0 == null) continue;
                Assert.IsTrue(d0.Method.IsStatic && MonoPInvokeCallback(d0.Method) != null, f.Name);
            }
            foreach (var f in fields)
            {
                Assert.IsTrue(f.IsInitOnly, f.Name + " is readonly (kept alive for the process)");
                var d = (Delegate)f.GetValue(null);
                Assert.IsNotNull(d, f.Name);
                Assert.IsNull(d.Target, f.Name + " must not point to an instance");
                Assert.IsTrue(d.Method.IsStatic, f.Name + " must point to a static method");
                Assert.AreEqual(1, d.GetInvocationList().Length, f.Name);
                var attr = MonoPInvokeCallback(d.Method);
                Assert.IsNotNull(attr, d.Method.Name + " must carry [MonoPInvokeCallback]");
                var type = (Type)attr.GetType().GetProperty("Type").GetValue(attr, null);
                Assert.AreEqual(f.FieldType, type, d.Method.Name + ": [MonoPInvokeCallback(typeof(...))] names its delegate type");
            }
        }

        [Test]
        public void EveryDelegateParameterOfAPInvokeHasAThunk()
        {
            var thunkTypes = new HashSet<Type>(typeof(Thunks).GetFields(BindingFlags.Static | BindingFlags.NonPublic).Select(f => f.FieldType));
            var delegateParams = PInvokes().SelectMany(m => m.GetParameters())
                .Where(p => typeof(Delegate).IsAssignableFrom(p.ParameterType)).Select(p => p.ParameterType).Distinct().ToList();
            Assert.AreEqual(11, delegateParams.Count);
            foreach (var t in delegateParams)
            {
                Assert.IsTrue(thunkTypes.Contains(t), t.Name + " has no static thunk");
                var ufp = (UnmanagedFunctionPointerAttribute)t.GetCustomAttributes(typeof(UnmanagedFunctionPointerAttribute), false).Single();
                Assert.AreEqual(CallingConvention.Cdecl, ufp.CallingConvention, t.Name);
            }
        }

        [Test]
        public void EveryMonoPInvokeCallbackMethodIsStatic()
        {
            var marked = Binding.GetTypes()
                .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly))
                .Where(m => MonoPInvokeCallback(m) != null).ToList();
            Assert.AreEqual(11, marked.Count);
            foreach (var m in marked) Assert.IsTrue(m.IsStatic, m.Name);
        }

        [Test]
        public void NoStringCrossesTheBoundaryInTheAnsiCodePage()
        {
            foreach (var m in PInvokes())
            {
                Assert.AreNotEqual(typeof(string), m.ReturnType, m.Name);
                foreach (var p in m.GetParameters())
                {
                    Assert.AreNotEqual(typeof(string), p.ParameterType, m.Name + "(" + p.Name + ")");
                    Assert.AreNotEqual(typeof(System.Text.StringBuilder), p.ParameterType, m.Name + "(" + p.Name + ")");
                    if (p.ParameterType == typeof(bool))
                    {
                        var ma = (MarshalAsAttribute)p.GetCustomAttributes(typeof(MarshalAsAttribute), false).Single();
                        Assert.AreEqual(UnmanagedType.U1, ma.Value, m.Name + "(" + p.Name + "): C bool is one byte");
                    }
                }
            }
        }

        [Test]
        public void Utf8DecodingAcrossPageBoundaries()
        {
            var samples = new[]
            {
                "", "a", "工作组🚀", new string('x', 4095), new string('x', 4096), new string('y', 4097),
                string.Concat(Enumerable.Repeat("é🚀中", 5000)),
            };
            foreach (var s in samples)
            {
                var bytes = Utf8.Z(s);
                Assert.AreEqual(0, bytes[bytes.Length - 1]);
                Assert.AreEqual(Encoding.UTF8.GetByteCount(s) + 1, bytes.Length);
                for (var offset = 0; offset < 8; offset++)
                {
                    // Place the string so that it starts just before / at a page boundary.
                    var mem = Marshal.AllocHGlobal(bytes.Length + 8192 + 8);
                    try
                    {
                        var baseAddr = mem.ToInt64();
                        var aligned = ((baseAddr + 4095) & ~4095L) + 4096 - offset;
                        if (aligned + bytes.Length > baseAddr + bytes.Length + 8192 + 8) aligned = baseAddr;
                        Marshal.Copy(bytes, 0, new IntPtr(aligned), bytes.Length);
                        Assert.AreEqual(s, Utf8.FromNative(new IntPtr(aligned)));
                    }
                    finally
                    {
                        Marshal.FreeHGlobal(mem);
                    }
                }
            }
            Assert.AreEqual("", Utf8.FromNative(IntPtr.Zero));
            Assert.IsNull(Utf8.Z(null));
        }
    }
}
