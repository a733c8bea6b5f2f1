package jp.madoguchi.kiosk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** What the journey hands to the FX thread while the toolkit is still starting is run, in order, once it runs. */
class FxStartupExecutorTest {
    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void earlyCommandsWaitAndThenRunInOrderOnTheFxThread() throws Exception {
        FxStartupExecutor executor = new FxStartupExecutor();
        List<String> ran = new CopyOnWriteArrayList<>();
        executor.execute(() -> ran.add("first " + Platform.isFxApplicationThread()));
        executor.execute(() -> ran.add("second " + Platform.isFxApplicationThread()));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(), ran, "nothing runs before the toolkit is said to be started");

        executor.toolkitStarted();
        CountDownLatch third = new CountDownLatch(1);
        executor.execute(() -> {
            ran.add("third " + Platform.isFxApplicationThread());
            third.countDown();
        });
        assertTrue(third.await(20, TimeUnit.SECONDS));
        assertEquals(List.of("first true", "second true", "third true"), ran);
    }
}
