package jp.madoguchi.kiosk.app;

/**
 * TEST ONLY: {@code kiosk-app.jar}'s command line with {@link PlaceholderParts}, for the startup benchmark while the
 * real parts are not wired into {@link BoothAssembly} (run with the shaded jar and test-classes on the class path).
 */
public final class PlaceholderBoothMain {
    private PlaceholderBoothMain() {
    }

    public static void main(String[] args) {
        System.exit(BoothMain.run(args, PlaceholderParts::new, System.out, System.err));
    }
}
