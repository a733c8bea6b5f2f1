package jp.madoguchi.video.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.Executor;
import jp.madoguchi.video.CallRole;
import jp.madoguchi.video.DeviceReport;
import jp.madoguchi.video.EndReason;
import jp.madoguchi.video.VideoEvent;
import jp.madoguchi.video.VideoState;
import jp.madoguchi.video.testing.FakeVideoSession;
import org.junit.jupiter.api.Test;

/** The call's view model, without a screen: a same-thread executor stands in for the FX thread. */
class FxVideoSessionTest {
    private final FakeVideoSession session = new FakeVideoSession();
    private final FxVideoSession model = new FxVideoSession(session, Runnable::run, Locale.JAPANESE);

    @Test
    void aResidentSeesEveryStepOfTheCallInPlainJapanese() {
        assertEquals(VideoState.IDLE, model.getState());
        assertEquals("", model.getMessage());
        assertFalse(model.callVisibleProperty().get());

        model.join(FakeVideoSession.sampleRequest(CallRole.RESIDENT));
        assertEquals(VideoState.WAITING, model.getState());
        assertEquals("職員が応答するまでお待ちください。", model.getMessage());
        assertTrue(model.callVisibleProperty().get(), "the lobby is shown in the call window");
        assertTrue(model.microphoneMutedProperty().get(), "microphone off until the clerk lets us in");

        session.peerJoins("山田");
        assertEquals(VideoState.IN_CALL, model.getState());
        assertTrue(model.peerPresentProperty().get());
        assertEquals("つながりました。どうぞお話しください。", model.getMessage());
        assertFalse(model.microphoneMutedProperty().get());
        assertEquals("マイクを切る", model.microphoneActionTextProperty().get());
        assertEquals("マイクは入っています。押すと切れます。", model.microphoneAccessibleTextProperty().get());
        assertEquals("カメラを切る", model.cameraActionTextProperty().get());
        assertEquals("通話を終える", model.hangUpTextProperty().get());
        assertEquals("ビデオ通話を終えます。", model.hangUpAccessibleTextProperty().get());

        session.connectionDrops();
        assertEquals("接続が途切れました。再接続しています（1回目）…", model.getMessage());
        assertFalse(model.callVisibleProperty().get(), "the placeholder says what is happening while reconnecting");
        session.connectionDrops();
        assertEquals("接続が途切れました。再接続しています（2回目）…", model.getMessage());
        session.reconnects();
        assertEquals(VideoState.IN_CALL, model.getState());

        session.remoteEnds();
        assertEquals(VideoState.ENDED, model.getState());
        assertEquals(EndReason.REMOTE_ENDED, model.reasonProperty().get());
        assertEquals("職員が通話を終了しました。ありがとうございました。", model.getMessage());
        assertFalse(model.callVisibleProperty().get());
    }

    @Test
    void theButtonsSendCommandsAndFollowTheState() {
        model.join(FakeVideoSession.sampleRequest(CallRole.RESIDENT));
        session.peerJoins("山田");

        model.toggleMicrophone();
        assertTrue(model.microphoneMutedProperty().get());
        assertEquals("マイクを入れる", model.microphoneActionTextProperty().get());
        assertEquals("マイクは切れています。押すと入ります。", model.microphoneAccessibleTextProperty().get());
        model.toggleCamera();
        assertTrue(model.cameraOffProperty().get());
        assertEquals("カメラを入れる", model.cameraActionTextProperty().get());
        assertEquals("カメラは切れています。押すと入ります。", model.cameraAccessibleTextProperty().get());
        model.toggleMicrophone();
        model.hangUp();

        assertEquals(List.of(new FakeVideoSession.SetMicrophoneMuted(true), new FakeVideoSession.SetCameraOff(true),
                        new FakeVideoSession.SetMicrophoneMuted(false), new FakeVideoSession.HangUp()),
                session.commands().subList(1, session.commands().size()));
        assertEquals(EndReason.HUNG_UP, model.reasonProperty().get());
        assertEquals("通話を終了しました。ありがとうございました。", model.getMessage());
    }

    @Test
    void theSentencesFollowTheResidentsLanguage() {
        model.join(FakeVideoSession.sampleRequest(CallRole.RESIDENT));
        model.localeProperty().set(Locale.ENGLISH);
        assertEquals("Please wait. A staff member will answer soon.", model.getMessage());
        assertEquals("Turn on microphone", model.microphoneActionTextProperty().get());
        model.localeProperty().set(VideoMessages.EASY_JAPANESE);
        assertEquals("しょくいんが でるまで まって ください。", model.getMessage());
        session.connectionDrops();
        assertEquals("つながりが きれました。もう いちど つないでいます（1かいめ）。", model.getMessage());
        model.localeProperty().set(new Locale("pt", "BR"));
        assertEquals("A conexão caiu. Reconectando (tentativa 1)...", model.getMessage());
        model.localeProperty().set(Locale.FRENCH);
        assertEquals("The connection was interrupted. Reconnecting (attempt 1)...", model.getMessage(),
                "a language without its own sentences gets English, never the machine's language");
    }

    @Test
    void aMissingCameraFailsTheCallWithItsSentence() {
        session.deviceReport(new DeviceReport(List.of(), List.of("mic"), DeviceReport.DeviceStatus.NOT_FOUND,
                DeviceReport.DeviceStatus.WORKS, "NotFoundError"));
        model.join(FakeVideoSession.sampleRequest(CallRole.RESIDENT));
        assertEquals(VideoState.FAILED, model.getState());
        assertEquals(EndReason.CAMERA_NOT_FOUND, model.reasonProperty().get());
        assertTrue(model.getMessage().startsWith("カメラが見つからないため"), model.getMessage());
    }

    @Test
    void preparingAndJoiningHaveTheirOwnSentences() {
        session.holdJoinAt(VideoState.PREPARING);
        model.join(FakeVideoSession.sampleRequest(CallRole.RESIDENT));
        assertEquals("準備しています。カメラとマイクを確認しています…", model.getMessage());
        session.holdJoinAt(VideoState.JOINING);
        session.continueJoin();
        assertEquals("接続しています…", model.getMessage());
        assertFalse(model.callVisibleProperty().get());
    }

    @Test
    void aDeviceErrorIsToldUntilTheCallMovesOn() {
        model.join(FakeVideoSession.sampleRequest(CallRole.RESIDENT));
        session.peerJoins("山田");
        session.deviceError("microphone");
        assertEquals("マイクに問題が起きました。職員にあなたの声が聞こえていないかもしれません。\nつながりました。どうぞお話しください。",
                model.getMessage());
        session.deviceError("camera");
        assertTrue(model.getMessage().startsWith("カメラに問題が起きました。"), model.getMessage());
        session.peerLeaves();
        assertEquals("職員が応答するまでお待ちください。", model.getMessage());
    }

    @Test
    void theClerkSeesWhoKnocksAndAdmitsThem() {
        model.join(FakeVideoSession.sampleRequest(CallRole.CLERK));
        assertEquals("住民の方が入るのを待っています。", model.getMessage());
        session.knocking("guest-7", "Booth 1");
        assertEquals(List.of(new VideoEvent.Knocking("guest-7", "Booth 1")), model.knocking());
        model.admit("guest-7");
        assertEquals(List.of(), model.knocking());
        assertEquals(List.of("guest-7"), session.admitted());
        assertEquals(VideoState.IN_CALL, model.getState());
        model.endForEveryone();
        assertEquals(1, session.endsForEveryone());
        assertEquals(VideoState.ENDED, model.getState());
    }

    @Test
    void propertiesChangeOnlyOnTheFxExecutorAndCommandsNeverWaitForIt() {
        Queue<Runnable> fxQueue = new ArrayDeque<>();
        Executor queued = fxQueue::add;
        FakeVideoSession other = new FakeVideoSession();
        FxVideoSession queuedModel = new FxVideoSession(other, queued, Locale.JAPANESE);
        fxQueue.clear();

        queuedModel.join(FakeVideoSession.sampleRequest(CallRole.RESIDENT));
        assertEquals(VideoState.WAITING, other.status().state(), "the command reached the session at once");
        assertEquals(VideoState.IDLE, queuedModel.getState(), "nothing changes off the FX thread");
        assertFalse(fxQueue.isEmpty());

        while (!fxQueue.isEmpty()) {
            fxQueue.poll().run();
        }
        assertEquals(VideoState.WAITING, queuedModel.getState());
    }

    @Test
    void aDetachedModelNoLongerFollowsTheSession() {
        model.join(FakeVideoSession.sampleRequest(CallRole.RESIDENT));
        model.detach();
        session.peerJoins("山田");
        assertEquals(VideoState.WAITING, model.getState());
        assertNull(model.reasonProperty().get());
    }

    @Test
    void joiningTwiceIsRefusedByTheSession() {
        model.join(FakeVideoSession.sampleRequest(CallRole.RESIDENT));
        assertThrows(IllegalStateException.class, () -> model.join(FakeVideoSession.sampleRequest(CallRole.RESIDENT)));
        assertEquals(VideoState.WAITING, model.getState());
    }
}
