package jp.madoguchi.video.fx;

import javafx.application.Application;

/**
 * Starts {@link VideoPaneDemo} (an Application subclass cannot itself be the {@code java -cp} main class):
 * {@code java -cp <test classpath> jp.madoguchi.video.fx.VideoPaneDemoLauncher --lang=ja --state=in_call}.
 */
public final class VideoPaneDemoLauncher {
    private VideoPaneDemoLauncher() {
    }

    public static void main(String[] args) {
        Application.launch(VideoPaneDemo.class, args);
    }
}
