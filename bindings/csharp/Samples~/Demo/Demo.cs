// Console sample of the documented conversation-group flow (Tencent Unity SDK docs,
// "Conversation Group"): create, list, rename, add, page a filtered list, remove, delete.
// Callback style (as in the docs) for the group calls, Async twins where a step needs the result.
// Run: make demo   (or: LD_LIBRARY_PATH=<dir of libtimconvgroup.so> mono Demo.exe)
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TimConvGroup;

internal static class Demo
{
    private static int Main()
    {
        var dir = Path.Combine(Path.GetTempPath(), "timconvgroup-demo-" + Guid.NewGuid().ToString("N"));
        Console.WriteLine("timconvgroup " + TencentIMSDK.GetSDKVersion() + ", data in " + dir);
        Check(TencentIMSDK.Init(1400000001, new SdkConfig { sdk_config_config_file_path = dir }));
        try
        {
            Run().Wait();
        }
        finally
        {
            TencentIMSDK.Uninit();
            try { Directory.Delete(dir, true); } catch (Exception) { }
        }
        Console.WriteLine("done");
        return 0;
    }

    private static async Task Run()
    {
        // Listeners: the group events and conversation updates.
        TencentIMSDK.SetConvConversationGroupCreatedCallback((string name, List<ConvInfo> convs, string ud) =>
            Console.WriteLine("  [event] group created: " + name + " with " + Names(convs)));
        TencentIMSDK.SetConvConversationGroupNameChangedCallback((o, n, ud) => Console.WriteLine("  [event] group renamed: " + o + " -> " + n));
        TencentIMSDK.SetConvConversationsAddedToGroupCallback((string name, List<ConvInfo> convs, string ud) =>
            Console.WriteLine("  [event] added to " + name + ": " + Names(convs)));
        TencentIMSDK.SetConvConversationsDeletedFromGroupCallback((string name, List<ConvInfo> convs, uint reason, string ud) =>
            Console.WriteLine("  [event] removed from " + name + ": " + Names(convs) + " (reason " + reason + ")"));
        TencentIMSDK.SetConvConversationGroupDeletedCallback((name, ud) => Console.WriteLine("  [event] group deleted: " + name));

        await TencentIMSDK.LoginAsync("demo-user", "user-sig");
        Console.WriteLine("logged in as demo-user");

        // The message layer of an app feeds the conversation list (extension call).
        var convList = new List<ConvInfo>();
        for (var i = 1; i <= 12; i++)
        {
            convList.Add(new ConvInfo
            {
                conv_id = "friend" + i,
                conv_type = TIMConvType.kTIMConv_C2C,
                conv_show_name = "Friend " + i,
                conv_active_time = (ulong)(1700000000 + i),
                conv_unread_num = (ulong)(i % 3),
            });
        }
        convList.Add(new ConvInfo { conv_id = "team", conv_type = TIMConvType.kTIMConv_Group, conv_show_name = "Team", conv_active_time = 1700000100 });
        await TencentIMSDK.ConvUpsertConversationsAsync(convList);
        Console.WriteLine("13 conversations in the list");

        // Create a conversation group (as in the documentation).
        var created = new TaskCompletionSource<bool>();
        TIMResult res = TencentIMSDK.ConvCreateConversationGroup("Work 工作", new List<string> { "c2c_friend1", "group_team" },
            (int code, string desc, List<ConversationOperationResult> results, string user_data) =>
            {
                Console.WriteLine("create: code " + code + ", " + string.Join(", ", results.Select(r =>
                    r.conversation_operation_result_conversation_id + "=" + r.conversation_operation_result_result_code)));
                created.SetResult(code == 0);
            });
        Check(res);
        await created.Task;

        Console.WriteLine("groups: " + string.Join(", ", await TencentIMSDK.ConvGetConversationGroupListAsync()));

        await TencentIMSDK.ConvRenameConversationGroupAsync("Work 工作", "Office 办公室");

        var ids = Enumerable.Range(2, 10).Select(i => "c2c_friend" + i).ToList();
        var added = await TencentIMSDK.ConvAddConversationsToGroupAsync("Office 办公室", ids);
        Console.WriteLine("added " + added.Count(r => r.conversation_operation_result_result_code == 0) + " conversations");

        // Page through the group's C2C conversations that have unread messages, 3 at a time.
        var filter = new ConversationListFilter
        {
            conversation_list_filter_conversation_group = "Office 办公室",
            conversation_list_filter_conv_type = TIMConvType.kTIMConv_C2C,
            conversation_list_filter_has_unread_count = true,
        };
        ulong next_seq = 0;
        var pageNo = 0;
        while (true)
        {
            var page = await TencentIMSDK.ConvGetConversationListByFilterAsync(filter, next_seq, 3);
            Console.WriteLine("page " + (++pageNo) + ": " + Names(page.conversation_list_result_conv_list));
            if (page.conversation_list_result_is_finished) break;
            next_seq = page.conversation_list_result_next_seq;
        }

        await TencentIMSDK.ConvDeleteConversationsFromGroupAsync("Office 办公室", new List<string> { "c2c_friend2", "c2c_friend3" });
        await TencentIMSDK.ConvDeleteConversationGroupAsync("Office 办公室");
        Console.WriteLine("groups left: " + (await TencentIMSDK.ConvGetConversationGroupListAsync()).Count);

        try
        {
            await TencentIMSDK.ConvDeleteConversationGroupAsync("Office 办公室");
        }
        catch (TIMException e)
        {
            Console.WriteLine("deleting it again: TIMException " + e.Code + " (" + e.Desc + ")");
        }
        await TencentIMSDK.LogoutAsync();
    }

    private static string Names(List<ConvInfo> convs)
    {
        return convs == null || convs.Count == 0 ? "(none)" : string.Join(", ", convs.Select(c => c.conv_show_name));
    }

    private static void Check(TIMResult r)
    {
        if (r != TIMResult.TIM_SUCC) throw new InvalidOperationException("call rejected: " + r);
    }
}
