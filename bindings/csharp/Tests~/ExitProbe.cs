// A console program that drives heavy callback traffic and then leaves Main (with or without
// Uninit, with calls still in flight, or through Environment.Exit). It must exit by itself, with
// code 0, every time: the binding runs callbacks only on its own background thread and calls
// Uninit from AppDomain.ProcessExit. Usage: mono ExitProbe.exe <mode> <data dir>
using System;
using System.Collections.Generic;
using System.Threading;
using TimConvGroup;

internal static class ExitProbe
{
    private static int Main(string[] args)
    {
        var mode = args.Length > 0 ? args[0] : "no-uninit";
        var dir = args.Length > 1 ? args[1] : System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tcg-exit-" + Guid.NewGuid().ToString("N"));
        if (TencentIMSDK.Init(1, new SdkConfig { sdk_config_config_file_path = dir }) != TIMResult.TIM_SUCC) return 2;
        var events = 0;
        TencentIMSDK.SetConvEventCallback((ev, list, ud) => Interlocked.Increment(ref events));
        TencentIMSDK.SetConvConversationsAddedToGroupCallback((n, l, ud) => Interlocked.Increment(ref events));
        TencentIMSDK.SetConvConversationsDeletedFromGroupCallback((n, l, r, ud) => Interlocked.Increment(ref events));
        TencentIMSDK.LoginAsync("exit-probe", "sig").Wait();
        // Runs after the binding's own ProcessExit handler (registered by Init), which calls
        // Uninit: by then every accepted call has had its callback.
        var answered = 0;
        AppDomain.CurrentDomain.ProcessExit += (s, e) =>
        {
            Console.WriteLine("at exit: " + Volatile.Read(ref answered) + " callbacks, logged in " + (TencentIMSDK.GetLoginStatus() == TIMLoginStatus.kTIMLoginStatus_Logined));
            Console.Out.Flush();
        };

        var convs = new List<ConvInfo>();
        for (var i = 0; i < 50; i++)
            convs.Add(new ConvInfo { conv_id = "u" + i, conv_type = TIMConvType.kTIMConv_C2C, conv_active_time = (ulong)i, conv_unread_num = 1 });
        TencentIMSDK.ConvUpsertConversationsAsync(convs).Wait();
        TencentIMSDK.ConvCreateConversationGroupAsync("g", new List<string> { "c2c_u0" }).Wait();

        // Heavy traffic from 4 threads: thousands of callbacks and listener events.
        var threads = new List<Thread>();
        for (var t = 0; t < 4; t++)
        {
            var tt = t;
            var th = new Thread(() =>
            {
                for (var i = 0; i < 500; i++)
                {
                    var id = new List<string> { "c2c_u" + ((tt * 500 + i) % 50) };
                    TencentIMSDK.ConvAddConversationsToGroup("g", id, (int c, string d, List<ConversationOperationResult> r, string u) => Interlocked.Increment(ref answered));
                    TencentIMSDK.ConvDeleteConversationsFromGroup("g", id, (int c, string d, List<ConversationOperationResult> r, string u) => Interlocked.Increment(ref answered));
                    TencentIMSDK.ConvGetConvList((int c, string d, List<ConvInfo> l, string u) => Interlocked.Increment(ref answered));
                }
            });
            th.Start();
            threads.Add(th);
        }
        foreach (var th in threads) th.Join();

        switch (mode)
        {
            case "uninit":
                if (TencentIMSDK.Uninit() != TIMResult.TIM_SUCC) return 3;
                if (answered != 6000) return 4;
                break;
            case "in-flight":
                // Leave with thousands of callbacks still queued.
                for (var i = 0; i < 1000; i++)
                    TencentIMSDK.ConvGetConvList((int c, string d, List<ConvInfo> l, string u) => Interlocked.Increment(ref answered));
                break;
            case "environment-exit":
                Console.WriteLine("main returning (Environment.Exit)");
                Console.Out.Flush();
                Environment.Exit(0);
                break;
            default:
                TencentIMSDK.ConvGetConvListAsync().Wait();
                break;
        }
        Console.WriteLine("main returning: " + mode + ", " + answered + " callbacks, " + events + " events so far");
        return 0;
    }
}
