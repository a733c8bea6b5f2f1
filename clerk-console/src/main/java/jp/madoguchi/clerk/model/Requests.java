package jp.madoguchi.clerk.model;

import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import jp.madoguchi.clerk.i18n.ConsoleText;
import jp.madoguchi.hqlink.client.HqRejectedException;
import jp.madoguchi.hqlink.client.HqUnavailableException;
import jp.madoguchi.hqlink.message.ErrorCodes;

/** One request to headquarters on the work thread, its result or its problem back on the ui thread. */
final class Requests {
    private Requests() {
    }

    /** A blocking request. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws HqUnavailableException, HqRejectedException;
    }

    /** What went wrong, for the clerk: a sentence, and whether the session is gone. */
    record Problem(String code, String text, boolean sessionExpired) {
    }

    static <T> void run(Executor work, Executor ui, Locale locale, Call<T> call, Consumer<T> done,
            Consumer<Problem> failed) {
        Runnable task = () -> {
            T result;
            try {
                result = call.run();
            } catch (HqRejectedException e) {
                boolean expired = ErrorCodes.UNAUTHORIZED.equals(e.errorCode());
                String text = ErrorCodes.FORBIDDEN.equals(e.errorCode()) ? ConsoleText.ADMIN_FORBIDDEN.in(locale)
                        : ConsoleText.ADMIN_REFUSED.in(locale, e.errorCode());
                ui.execute(() -> failed.accept(new Problem(e.errorCode(), text, expired)));
                return;
            } catch (HqUnavailableException e) {
                ui.execute(() -> failed.accept(new Problem("unavailable", ConsoleText.CALL_HQ_UNREACHABLE.in(locale), false)));
                return;
            } catch (RuntimeException e) {
                ui.execute(() -> failed.accept(new Problem("error",
                        ConsoleText.ADMIN_REFUSED.in(locale, e.getClass().getSimpleName()), false)));
                return;
            }
            ui.execute(() -> done.accept(result));
        };
        try {
            work.execute(task);
        } catch (RuntimeException e) {
            failed.accept(new Problem("error", ConsoleText.ADMIN_REFUSED.in(locale, e.getClass().getSimpleName()), false));
        }
    }
}
