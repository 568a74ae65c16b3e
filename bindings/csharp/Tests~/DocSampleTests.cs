using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using DocSamples;

namespace TimConvGroup.Tests
{
    /// <summary>Runs the documentation samples (DocSamples.cs) and checks what they did.</summary>
    [TestFixture]
    public class DocSampleTests : SdkFixture
    {
        [Test]
        public void DocumentedFlowWorks()
        {
            ConversationGroupSamples.ListenerSample();
            var conv_id = "c2c_alice";
            Assert.AreEqual(TIMResult.TIM_SUCC, ConversationGroupSamples.CreateSample(conv_id));
            Assert.AreEqual(TIMResult.TIM_SUCC, ConversationGroupSamples.GetListSample());
            CollectionAssert.AreEqual(new[] { "groupName" }, H.Await(TencentIMSDK.ConvGetConversationGroupListAsync()));
            Assert.AreEqual(TIMResult.TIM_SUCC, ConversationGroupSamples.AddSample("c2c_bob"));
            Assert.AreEqual(TIMResult.TIM_SUCC, ConversationGroupSamples.MarkSample("c2c_bob"));

            var pages = new Calls<List<ConvInfo>>();
            var finished = false;
            Assert.AreEqual(TIMResult.TIM_SUCC, ConversationGroupSamples.FilterSample((isFinished, next, list) =>
            {
                finished = isFinished;
                pages.Add(list);
            }));
            CollectionAssert.AreEqual(new[] { "bob" }, pages.Wait(1)[0].Select(c => c.conv_id).ToArray());
            Assert.IsTrue(finished);

            Assert.AreEqual(TIMResult.TIM_SUCC, ConversationGroupSamples.DeleteFromSample("c2c_bob"));
            H.Drain();
            CollectionAssert.AreEqual(new[] { "groupName" }, H.Get("c2c_alice").conv_conversation_group_array);
            CollectionAssert.IsEmpty(H.Get("c2c_bob").conv_conversation_group_array);

            // The rename sample renames "oldGroupName"; the delete sample deletes "groupName".
            H.Await(TencentIMSDK.ConvCreateConversationGroupAsync("oldGroupName", H.Ids("group_g1")));
            Assert.AreEqual(TIMResult.TIM_SUCC, ConversationGroupSamples.RenameSample());
            Assert.AreEqual(TIMResult.TIM_SUCC, ConversationGroupSamples.DeleteSample());
            CollectionAssert.AreEqual(new[] { "newGroupName" }, H.Await(TencentIMSDK.ConvGetConversationGroupListAsync()));
        }
    }
}
