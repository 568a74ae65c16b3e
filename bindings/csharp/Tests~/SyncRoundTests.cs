using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using DocSamples;

namespace TimConvGroup.Tests
{
    /// <summary>
    /// The README's sync round (SyncRoundSample.cs) against a stub of the reference backend's HTTP
    /// API: POST /v1/sync with a bearer token, a state document (or an error body) back. The stub
    /// accepts every operation as is (the rules themselves are tested in Go, core/roam and
    /// cmd/timconvsyncd); what is tested here is the round trip through HTTP and the binding.
    /// </summary>
    [TestFixture]
    public class SyncRoundTests : SdkFixture
    {
        private const string Token = "token-of-me-0123456789";

        /// <summary>A stub backend: one user, every operation accepted, groups created and filled.</summary>
        private sealed class StubBackend : IDisposable
        {
            private readonly HttpListener _listener = new HttpListener();
            private readonly Thread _thread;
            private ulong _version;
            private ulong _lastOpID;
            private readonly List<JObject> _groups = new List<JObject>();
            internal readonly List<string> Bodies = new List<string>();
            internal readonly string BaseUrl;

            internal StubBackend()
            {
                var probe = new TcpListener(IPAddress.Loopback, 0);
                probe.Start();
                var port = ((IPEndPoint)probe.LocalEndpoint).Port;
                probe.Stop();
                BaseUrl = "http://127.0.0.1:" + port;
                _listener.Prefixes.Add(BaseUrl + "/");
                _listener.Start();
                _thread = new Thread(Serve) { IsBackground = true, Name = "stub backend" };
                _thread.Start();
            }

            private void Serve()
            {
                while (true)
                {
                    HttpListenerContext ctx;
                    try
                    {
                        ctx = _listener.GetContext();
                    }
                    catch (Exception)
                    {
                        return;   // stopped
                    }
                    try
                    {
                        Answer(ctx);
                    }
                    catch (Exception e)
                    {
                        Reply(ctx, 500, "{\"sync_error_code\":6019,\"sync_error_reason\":\"storage\",\"sync_error_desc\":" + JsonString(e.Message) + "}");
                    }
                }
            }

            private void Answer(HttpListenerContext ctx)
            {
                if (ctx.Request.HttpMethod != "POST" || ctx.Request.Url.AbsolutePath != "/v1/sync")
                {
                    Reply(ctx, 404, "{\"sync_error_code\":6017,\"sync_error_reason\":\"not_found\",\"sync_error_desc\":\"no such endpoint\"}");
                    return;
                }
                if (ctx.Request.Headers["Authorization"] != "Bearer " + Token)
                {
                    Reply(ctx, 401, "{\"sync_error_code\":6014,\"sync_error_reason\":\"unauthorized\",\"sync_error_desc\":\"unknown token\"}");
                    return;
                }
                string body;
                using (var r = new StreamReader(ctx.Request.InputStream, new UTF8Encoding(false)))
                    body = r.ReadToEnd();
                lock (Bodies) Bodies.Add(body);
                var push = JObject.Parse(body);
                var applied = false;
                foreach (JObject op in (JArray)push["sync_push_op_array"])
                {
                    var id = (ulong)op["sync_op_id"];
                    if (id <= _lastOpID) continue;
                    _lastOpID = id;
                    applied = true;
                    var type = (int)op["sync_op_type"];
                    if (type == (int)TIMConvSyncOpType.kTIMConvSyncOp_GroupCreate)
                    {
                        _groups.Add(new JObject
                        {
                            { "sync_group_id", op["sync_op_group_id"] },
                            { "sync_group_name", op["sync_op_group_name"] },
                            { "sync_group_conversation_id_array", new JArray(op["sync_op_conversation_id_array"].Select(t => (string)t).OrderBy(s => s, StringComparer.Ordinal)) },
                        });
                    }
                    else
                    {
                        throw new NotSupportedException("the stub backend knows group creates only, not type " + type);
                    }
                }
                if (applied) _version++;
                var state = new JObject
                {
                    { "sync_state_version", _version },
                    { "sync_state_client_id", push["sync_push_client_id"] },
                    { "sync_state_last_op_id", _lastOpID },
                    { "sync_state_is_unchanged", false },
                    { "sync_state_rejected_array", new JArray() },
                    { "sync_state_group_array", new JArray(_groups) },
                    { "sync_state_conv_array", new JArray() },
                };
                Reply(ctx, 200, state.ToString(Newtonsoft.Json.Formatting.None));
            }

            private static string JsonString(string s)
            {
                return new JValue(s).ToString(Newtonsoft.Json.Formatting.None);
            }

            private static void Reply(HttpListenerContext ctx, int status, string json)
            {
                var bytes = new UTF8Encoding(false).GetBytes(json);
                ctx.Response.StatusCode = status;
                ctx.Response.ContentType = "application/json";   // no charset, as the reference backend
                ctx.Response.ContentLength64 = bytes.Length;
                ctx.Response.OutputStream.Write(bytes, 0, bytes.Length);
                ctx.Response.Close();
            }

            public void Dispose()
            {
                try
                {
                    _listener.Stop();
                    _listener.Close();
                }
                catch (Exception)
                {
                }
                _thread.Join(TimeSpan.FromSeconds(10));
            }
        }

        private static HttpClient Client()
        {
            return new HttpClient(new HttpClientHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(60) };
        }

        [Test]
        public void OneRoundAgainstTheBackendsHttpApi()
        {
            H.AllOk(H.Await(TencentIMSDK.ConvCreateConversationGroupAsync("工作", H.Ids("c2c_bob", "c2c_alice"))));
            var created = new Calls<string>();
            TencentIMSDK.SetConvConversationGroupCreatedCallback((string name, List<ConvInfo> convs, string ud) => created.Add(name));
            using (var backend = new StubBackend())
            using (var http = Client())
            {
                // A refused request changes nothing: the operation stays pending.
                var denied = Assert.Throws<HttpRequestException>(() =>
                    ConvSync.RoundAsync(http, backend.BaseUrl, "wrong-token").GetAwaiter().GetResult());
                StringAssert.StartsWith("401: ", denied.Message);
                StringAssert.Contains("\"sync_error_reason\":\"unauthorized\"", denied.Message);
                Assert.AreEqual(1, H.Await(TencentIMSDK.ConvSyncGetPendingChangesAsync()).sync_push_op_array.Count);

                var result = H.Await(ConvSync.RoundAsync(http, backend.BaseUrl, Token));
                Assert.IsTrue(result.sync_apply_is_applied);
                Assert.AreEqual(1UL, result.sync_apply_version);
                Assert.AreEqual(0, result.sync_apply_pending_count);
                CollectionAssert.IsEmpty(result.sync_apply_rejected_array);

                var sent = JObject.Parse(backend.Bodies.Single());
                Assert.AreEqual("工作", (string)sent["sync_push_op_array"][0]["sync_op_group_name"], "UTF-8 on the wire");
                var push = H.Await(TencentIMSDK.ConvSyncGetPendingChangesAsync());
                Assert.AreEqual((string)sent["sync_push_client_id"], push.sync_push_client_id);
                Assert.AreEqual(1UL, push.sync_push_last_version);
                CollectionAssert.IsEmpty(push.sync_push_op_array, "acknowledged");

                // A round with nothing to push is a plain fetch: same state, no event.
                var again = H.Await(ConvSync.RoundAsync(http, backend.BaseUrl, Token));
                Assert.AreEqual(1UL, again.sync_apply_version);
                H.Drain();
                Assert.AreEqual(0, created.Count, "the device made the group itself: no event");
                CollectionAssert.AreEqual(new[] { "工作" }, H.Await(TencentIMSDK.ConvGetConversationGroupListAsync()));
                CollectionAssert.AreEqual(new[] { "工作" }, H.Get("c2c_alice").conv_conversation_group_array);
            }
        }

        [Test]
        public void TheReadmeShowsThisSample()
        {
            var dir = AppDomain.CurrentDomain.BaseDirectory;   // bindings/csharp/bin
            var readme = File.ReadAllText(Path.Combine(dir, "..", "README.md")).Replace("\r\n", "\n");
            var sample = File.ReadAllText(Path.Combine(dir, "..", "Tests~", "SyncRoundSample.cs")).Replace("\r\n", "\n");
            const string begin = "// README snippet: begin\n", end = "// README snippet: end\n";
            var i = sample.IndexOf(begin, StringComparison.Ordinal);
            var j = sample.IndexOf(end, StringComparison.Ordinal);
            Assert.IsTrue(i >= 0 && j > i, "markers in SyncRoundSample.cs");
            var code = sample.Substring(i + begin.Length, j - i - begin.Length);
            StringAssert.Contains(code, readme, "README.md's Sync section shows SyncRoundSample.cs's ConvSync class verbatim");
        }
    }
}
