// tencent_style.cpp — a C++ translation unit written the way Tencent's C API samples are (lambdas
// as callbacks, the enums by name), compiled with g++ against include/timconvgroup.h and run:
// it must compile unchanged and behave as the header says.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

#include "timconvgroup.h"

static int fails = 0;
#define EXPECT(c)                                                   \
    do {                                                            \
        if (!(c)) {                                                 \
            ++fails;                                                \
            std::fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #c); \
        }                                                           \
    } while (0)

struct Waiter {
    std::atomic<bool> done{false};
    int32_t code = -1;
    std::string desc, json;
    bool wait() {
        for (int i = 0; i < 20000 && !done.load(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        return done.load();
    }
};

static void onResult(int32_t code, const char* desc, const char* json_params, const void* user_data) {
    Waiter* w = const_cast<Waiter*>(static_cast<const Waiter*>(user_data));
    w->code = code;
    w->desc = desc;
    w->json = json_params;
    w->done.store(true);
}

int main(int argc, char** argv) {
    std::string dir = argc > 1 ? argv[1] : "build/tests/tencent-style";
    std::string config = "{\"sdk_config_config_file_path\":\"" + dir + "\"}";
    EXPECT(TIMInit(1400000000, config.c_str()) == TIM_SUCC);

    TIMLoginStatus s = TIMGetLoginStatus();
    EXPECT(s == kTIMLoginStatus_UnLogined);

    // listeners of modules the library does not implement: accepted, never fire
    static std::atomic<int> fired{0};
    TIMSetKickedOfflineCallback([](const void*) { fired++; }, nullptr);
    TIMSetUserSigExpiredCallback([](const void*) { fired++; }, nullptr);
    TIMSetNetworkStatusListenerCallback([](TIMNetworkStatus, int32_t, const char*, const void*) { fired++; }, nullptr);
    TIMAddRecvNewMsgCallback([](const char*, const void*) { fired++; }, nullptr);
    TIMSetConvEventCallback([](TIMConvEvent, const char*, const void*) {}, nullptr);

    Waiter login;
    int ret = TIMLogin("Windows-02", "sig", onResult, &login);
    EXPECT(ret == TIM_SUCC);
    EXPECT(login.wait() && login.code == ERR_SUCC);
    s = TIMGetLoginStatus();
    EXPECT(s == kTIMLoginStatus_Logined);

    Waiter create;
    ret = TIMConvCreate("Windows-03", kTIMConv_C2C, onResult, &create);
    EXPECT(ret == TIM_SUCC);
    EXPECT(create.wait() && create.code == ERR_SUCC && create.json.find("\"conv_id\":\"Windows-03\"") != std::string::npos);

    Waiter group;
    ret = TIMConvCreateConversationGroup("friends", "[\"c2c_Windows-03\"]", onResult, &group);
    EXPECT(ret == TIM_SUCC);
    EXPECT(group.wait() && group.code == ERR_SUCC);

    // calls of modules the library does not implement
    char message_id[128] = "x";
    Waiter sendMsg;
    ret = TIMMsgSendMessage("Windows-03", kTIMConv_C2C, "{}", message_id, onResult, &sendMsg);
    EXPECT(ret == TIM_SUCC);
    EXPECT(sendMsg.wait() && sendMsg.code == ERR_SDK_INTERFACE_NOT_SUPPORT && message_id[0] == '\0');
    Waiter recvOpt;
    ret = TIMMsgSetC2CReceiveMessageOpt("[\"Windows-03\"]", kTIMRecvMsgOpt_Not_Notify, onResult, &recvOpt);
    EXPECT(ret == TIM_SUCC);
    EXPECT(recvOpt.wait() && recvOpt.code == 7013 && recvOpt.desc.find("not supported") != std::string::npos);
    Waiter experimental;
    ret = callExperimentalAPI("{\"request_internal_operation\":\"internal_operation_set_ui_platform\"}", onResult, &experimental);
    EXPECT(ret == TIM_SUCC);
    EXPECT(experimental.wait() && experimental.code == ERR_SUCC);
    EXPECT(TIMGetServerTime() > 0);

    Waiter logout;
    EXPECT(TIMLogout(onResult, &logout) == TIM_SUCC && logout.wait());
    TIMRemoveRecvNewMsgCallback(nullptr);
    EXPECT(TIMUninit() == TIM_SUCC);
    EXPECT(fired.load() == 0);
    std::printf("tencent_style: %s\n", fails ? "FAILED" : "ok");
    return fails ? 1 : 0;
}
