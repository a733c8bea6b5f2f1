package jp.madoguchi.clerk.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import jp.madoguchi.hqlink.client.HqRejectedException;
import jp.madoguchi.hqlink.client.HqUnavailableException;
import jp.madoguchi.hqlink.message.AnsweredCall;
import jp.madoguchi.hqlink.message.ApplicationStatus;
import jp.madoguchi.hqlink.message.ClerkApplication;
import jp.madoguchi.hqlink.message.Outcome;
import jp.madoguchi.video.CallRole;
import jp.madoguchi.video.JoinRequest;
import jp.madoguchi.video.VideoState;
import jp.madoguchi.video.fx.FxVideoSession;
import jp.madoguchi.video.testing.FakeVideoSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The call as a clerk lives it: answer, video as moderator, lobby, decision, show on booth, close; with failures. */
class CallViewModelTest {
    private static final ClerkApplication APPLICATION = ApplicationViewModelTest.application(
            jp.madoguchi.hq.testing.SignedApplications.HOLDER, ApplicationViewModelTest.allPassed());
    private static final AnsweredCall ANSWERED = new AnsweredCall("call-1", "room-1", "clerk.jwt", "meet.example.jp",
            APPLICATION);

    private final ScriptedClerkService hq = new ScriptedClerkService();
    private final FakeVideoSession video = new FakeVideoSession();
    private final List<ClerkApplication> built = new ArrayList<>();
    private final List<Boolean> inCall = new ArrayList<>();
    private int expired;
    private int queueRefreshes;
    private final CallViewModel call = create();

    private CallViewModel create() {
        CallViewModel model = new CallViewModel(hq, Runnable::run, Runnable::run, Locale.JAPANESE,
                new FxVideoSession(video, Runnable::run, Locale.JAPANESE), application -> {
                    built.add(application);
                    return null == application ? null : ApplicationViewModelTest.plain(application);
                });
        model.setClerkName("山田 花子");
        model.setOnInCall(inCall::add);
        model.setOnSessionExpired(() -> expired++);
        model.setOnQueueChanged(() -> queueRefreshes++);
        return model;
    }

    private void answerChosen() {
        hq.answers.add(() -> Optional.of(ANSWERED));
        call.answer(new QueueRow("shimin", "call-1", "juminhyo", false, 60, "R-20261124-0001"));
    }

    @Test
    void answeringAChosenCallJoinsItsRoomAsModeratorAndLetsTheBoothInFromTheLobby() {
        answerChosen();
        assertEquals(List.of("shimin call-1"), hq.answersSent);
        assertEquals(CallViewModel.Phase.ACTIVE, call.phaseProperty().get());
        assertEquals(List.of(APPLICATION), built, "the application's view model is built from what HQ sent");
        JoinRequest join = video.joinRequests().get(0);
        assertEquals(CallRole.CLERK, join.role());
        assertEquals("room-1", join.room());
        assertEquals("clerk.jwt", join.jwt());
        assertEquals("山田 花子", join.displayName(), "the booth sees the clerk's name");
        assertEquals(List.of(true), inCall, "the idle logout learns that a call runs");
        assertEquals(1, queueRefreshes, "the board refreshes at once");

        video.knocking("booth-guest", "北部出張所");
        assertEquals(List.of("booth-guest"), video.admitted(), "the booth is admitted without a click");
        video.knocking("booth-guest", "北部出張所");
        assertEquals(List.of("booth-guest"), video.admitted(), "once");
    }

    @Test
    void aCallAnotherClerkTookIsSaidPlainlyAndTheClerkStaysFree() {
        hq.answers.add(() -> {
            throw new HqRejectedException(409, "already_taken", "");
        });
        call.answer(new QueueRow("shimin", "call-9", "juminhyo", false, 60, ""));
        assertEquals(CallViewModel.Phase.IDLE, call.phaseProperty().get());
        assertEquals("この呼び出しは他の職員が応答しました。", call.messageProperty().get());
        assertTrue(video.joinRequests().isEmpty());

        hq.answers.add(Optional::empty);
        call.answerNext("shimin");
        assertEquals("待っている呼び出しはありません（他の職員が応答しました）。", call.messageProperty().get());
        hq.answers.add(() -> {
            throw new HqUnavailableException(HqUnavailableException.Reason.UNREACHABLE, "refused", 1, java.time.Duration.ZERO, null);
        });
        call.answerNext("shimin");
        assertEquals("本庁サーバーに接続できません。もう一度お試しください。", call.messageProperty().get());
        hq.answers.add(() -> {
            throw new HqRejectedException(401, "unauthorized", "");
        });
        call.answerNext("shimin");
        assertEquals(1, expired);
        assertEquals(CallViewModel.Phase.IDLE, call.phaseProperty().get());
    }

    @Test
    void aCorrectionNeedsAMessageAndADecisionIsSentOnceWithIt() {
        answerChosen();
        call.decide(Outcome.CORRECTION_NEEDED);
        assertTrue(hq.decisionsSent.isEmpty(), "refused before asking HQ");
        assertEquals("補正依頼と却下には、住民の方へのメッセージが必要です。", call.decisionMessageProperty().get());

        call.residentMessageProperty().set("  本籍の記載が必要か、窓口でもう一度お選びください。 ");
        hq.decisions.add(() -> { });
        call.decide(Outcome.CORRECTION_NEEDED);
        assertEquals(1, hq.decisionsSent.size());
        assertEquals("R-20261124-0001", hq.decisionsSent.get(0).reference());
        assertEquals(Outcome.CORRECTION_NEEDED, hq.decisionsSent.get(0).outcome());
        assertEquals("本籍の記載が必要か、窓口でもう一度お選びください。", hq.decisionsSent.get(0).message());
        assertEquals(CallViewModel.DecisionState.SENT, call.decisionStateProperty().get());
        assertEquals(Outcome.CORRECTION_NEEDED, call.decidedProperty().get());
        assertEquals("「補正依頼」を送信しました。窓口に通知されます。", call.decisionMessageProperty().get());

        call.decide(Outcome.ACCEPTED);
        assertEquals(1, hq.decisionsSent.size(), "a second decision is not sent");
    }

    @Test
    void aDecisionHeadquartersDidNotGetCanBeSentAgainAndNothingTypedIsLost() {
        answerChosen();
        call.residentMessageProperty().set("写真付きの本人確認書類をご用意ください。");
        hq.decisions.add(() -> {
            throw new HqUnavailableException(HqUnavailableException.Reason.TIMEOUT, "slow", 1, java.time.Duration.ZERO, null);
        });
        call.decide(Outcome.REJECTED);
        assertEquals(CallViewModel.DecisionState.NONE, call.decisionStateProperty().get());
        assertEquals("本庁サーバーに接続できないため、決定は送信されていません。もう一度送信してください。",
                call.decisionMessageProperty().get());
        assertEquals("写真付きの本人確認書類をご用意ください。", call.residentMessageProperty().get());

        hq.decisions.add(() -> {
            throw new HqRejectedException(409, "already_decided", "");
        });
        call.decide(Outcome.REJECTED);
        assertEquals("この申請はすでに決定されています。", call.decisionMessageProperty().get());
    }

    @Test
    void aConsoleThatWasAwayIsToldItsCallWentBackToTheQueueWhenItDecidesOrShows() {
        answerChosen();
        hq.decisions.add(() -> {
            throw new HqRejectedException(409, "call_returned", "");
        });
        call.decide(Outcome.ACCEPTED);
        String told = "この端末が応答しない間に、この呼び出しは待ち行列に戻されました（別の職員が対応します）。"
                + "この通話では決定も窓口への表示もできません。";
        assertEquals(told, call.decisionMessageProperty().get());
        assertEquals(CallViewModel.DecisionState.NONE, call.decisionStateProperty().get(), "nothing was decided");
        hq.shows.add(() -> {
            throw new HqRejectedException(409, "call_returned", "");
        });
        call.showOnBooth("お待ちください", null, null);
        assertEquals(told, call.showMessageProperty().get());

        hq.decisions.add(() -> {
            throw new HqRejectedException(403, "not_your_call", "");
        });
        call.decide(Outcome.ACCEPTED);
        assertEquals("この申請は別の職員が応答した呼び出しのものです。決定できません。", call.decisionMessageProperty().get());
    }

    @Test
    void theClerkShowsTextAndPicturesOnTheBoothAndIsToldWhenTheBoothIsOffline(@TempDir Path dir) throws Exception {
        answerChosen();
        hq.shows.add(() -> { });
        call.showOnBooth(" 右下の「次へ」を押してください ", null, null);
        assertEquals(List.of("call-1 text=右下の「次へ」を押してください image="), hq.showsSent);
        assertEquals("窓口の画面に表示しました。", call.showMessageProperty().get());

        Path png = dir.resolve("doc.png");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
        hq.shows.add(() -> {
            throw new HqRejectedException(409, "booth_offline", "");
        });
        call.showPicture(png, "");
        assertEquals("call-1 text= image=image/png", hq.showsSent.get(1));
        assertEquals("窓口が本庁サーバーに接続していないため表示できません。", call.showMessageProperty().get());

        Path text = dir.resolve("note.txt");
        Files.writeString(text, "not a picture");
        call.showPicture(text, "");
        assertEquals(2, hq.showsSent.size(), "a file that is no picture is not sent");
        assertEquals("画像を読み込めません（PNG または JPEG のみ）。", call.showMessageProperty().get());

        call.showText("   ");
        assertEquals(2, hq.showsSent.size(), "an empty message is not sent (it would clear the booth's screen)");
        assertEquals("表示するメッセージを入力してください（消すときは「表示を消す」）。", call.showMessageProperty().get());

        call.showOnBooth("あ".repeat(501), null, null);
        assertEquals(2, hq.showsSent.size());
        assertEquals("メッセージは 500 文字までです。", call.showMessageProperty().get());
    }

    @Test
    void muteEndAndCloseReachTheVideoAndClosingFreesTheClerkAndDropsTheApplication() {
        answerChosen();
        call.toggleMute();
        assertTrue(video.status().microphoneMuted());
        ApplicationViewModel app = call.applicationProperty().get();
        assertTrue(call.closingLeavesUndecided());
        call.endCall();
        assertEquals(1, video.endsForEveryone());
        assertEquals(VideoState.ENDED, video.status().state());
        assertTrue(call.videoEndedProperty().get());
        assertEquals("ビデオ通話は終了しました。決定を送信してから画面を閉じてください。", call.messageProperty().get());

        call.close();
        assertEquals(CallViewModel.Phase.IDLE, call.phaseProperty().get());
        assertNull(call.applicationProperty().get());
        assertNull(call.callProperty().get());
        assertTrue(app.fields().isEmpty(), "the application's content is dropped");
        assertEquals(List.of(true, false), inCall);
        assertEquals(0, video.hangUps(), "the video had ended: no second hang-up");
    }

    @Test
    void picturesAreRecognisedByTheirFirstBytes() {
        assertEquals("image/png", CallViewModel.pictureType(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}));
        assertEquals("image/jpeg", CallViewModel.pictureType(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0}));
        assertNull(CallViewModel.pictureType("GIF89a".getBytes()));
        assertNull(CallViewModel.pictureType(new byte[0]));
    }
}
