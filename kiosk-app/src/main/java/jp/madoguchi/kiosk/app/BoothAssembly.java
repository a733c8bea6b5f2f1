package jp.madoguchi.kiosk.app;

/**
 * <b>Wiring point</b>: the production parts of the booth. The journey ({@code kiosk.journey.BoothJourney}),
 * the headquarters link ({@code kiosk.hq.HqLinkService} with {@code BoothCredentials.load(boothDirectory)}) and
 * the screens ({@code kiosk.ui.BoothWindow}, with the maintenance overlay of {@code kiosk.maintenance}) are
 * built side by side (issue 6) and plugged in here when they are merged. Until then {@code kiosk-app.jar}
 * refuses to start and says why; the launcher around it is tested with test parts.
 */
public final class BoothAssembly {
    private BoothAssembly() {
    }

    /** The booth's production parts. */
    public static BoothParts parts() {
        // WIRING POINT: return new BoothParts() {
        //     headquarters(ctx): new HqLinkService(BoothCredentials.load(ctx.boothDirectory()), ctx.headquartersUrl(), ctx.store(), ...)
        //     journey(ctx, link): new BoothJourney(<readers from ctx.cards()>, link, ctx.store(), ctx.fxExecutor(), ...)
        //     screens(ctx, journey, stage): new BoothWindow(journey, ..., stage) + the maintenance overlay
        // };
        throw new BoothNotAssembledException("this build of kiosk-app has no journey, headquarters link and screens"
                + " wired in yet (jp.madoguchi.kiosk.app.BoothAssembly.parts)");
    }

    /** The booth's parts are not wired into this build. */
    public static final class BoothNotAssembledException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BoothNotAssembledException(String message) {
            super(message);
        }
    }
}
