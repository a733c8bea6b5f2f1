package jp.madoguchi.hq.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.function.Consumer;

import io.javalin.Javalin;
import io.javalin.http.Context;
import jp.madoguchi.hq.enrol.EnrolmentService;
import jp.madoguchi.hq.presence.PresenceRegistry;
import jp.madoguchi.hq.server.ApiException;
import jp.madoguchi.hq.store.Booth;
import jp.madoguchi.hq.store.Booths;
import jp.madoguchi.hq.store.Clerk;
import jp.madoguchi.hq.store.ClerkAccounts;
import jp.madoguchi.hq.store.ClerkSessions;
import jp.madoguchi.hq.store.UsernameTakenException;
import jp.madoguchi.hqlink.message.BoothHealth;
import jp.madoguchi.hqlink.message.BoothList;
import jp.madoguchi.hqlink.message.ClerkAccountView;
import jp.madoguchi.hqlink.message.ClerkList;
import jp.madoguchi.hqlink.message.EnrolmentCodeRequest;
import jp.madoguchi.hqlink.message.EnrolmentCodeResponse;
import jp.madoguchi.hqlink.message.ErrorCodes;
import jp.madoguchi.hqlink.message.NewClerkRequest;
import jp.madoguchi.hqlink.message.Protocol;
import jp.madoguchi.hqlink.message.ProtocolJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin part of the clerk API, {@code /api/v1/clerk/admin/…}: what IT staff's command line does, for an admin
 * clerk's session (others: {@code 403 forbidden}): enrolment codes, the booths with their health and revocation, and
 * clerk accounts (create, disable, enable, unlock). Registered by {@link ClerkApi}. Thread-safe.
 */
final class ClerkAdminApi implements Consumer<Javalin> {
    private static final Logger LOG = LoggerFactory.getLogger(ClerkAdminApi.class);

    private final ClerkRequests requests;
    private final ClerkAccounts accounts;
    private final ClerkSessions sessions;
    private final Booths booths;
    private final PresenceRegistry presence;
    private final EnrolmentService enrolment;
    private final Clock clock;

    ClerkAdminApi(ClerkRequests requests, ClerkAccounts accounts, ClerkSessions sessions, Booths booths,
            PresenceRegistry presence, EnrolmentService enrolment, Clock clock) {
        this.requests = Objects.requireNonNull(requests);
        this.accounts = Objects.requireNonNull(accounts);
        this.sessions = Objects.requireNonNull(sessions);
        this.booths = Objects.requireNonNull(booths);
        this.presence = Objects.requireNonNull(presence);
        this.enrolment = Objects.requireNonNull(enrolment);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public void accept(Javalin app) {
        app.post(Protocol.CLERK_ADMIN_ENROLMENT_CODES, this::createEnrolmentCode);
        app.get(Protocol.CLERK_ADMIN_BOOTHS, this::listBooths);
        app.post(Protocol.CLERK_ADMIN_REVOKE_BOOTH, this::revokeBooth);
        app.get(Protocol.CLERK_ADMIN_CLERKS, this::listClerks);
        app.post(Protocol.CLERK_ADMIN_CLERKS, this::createClerk);
        app.post(Protocol.CLERK_ADMIN_DISABLE_CLERK, ctx -> setDisabled(ctx, true));
        app.post(Protocol.CLERK_ADMIN_ENABLE_CLERK, ctx -> setDisabled(ctx, false));
        app.post(Protocol.CLERK_ADMIN_UNLOCK_CLERK, this::unlock);
    }

    void createEnrolmentCode(Context ctx) {
        Clerk admin = requests.authenticateAdmin(ctx);
        EnrolmentCodeRequest request = ClerkRequests.parse(ClerkRequests.body(ctx, ClerkRequests.MAX_BODY_BYTES),
                EnrolmentCodeRequest.class);
        EnrolmentService.IssuedCode code = enrolment.issueCode(request.boothName(), request.location(),
                Duration.ofHours(request.validHours()), admin.username());
        ctx.header("Cache-Control", "no-store");
        ctx.status(201).result(ProtocolJson.write(new EnrolmentCodeResponse(code.code(), code.expiresAt())));
    }

    void listBooths(Context ctx) {
        requests.authenticateAdmin(ctx);
        Map<String, PresenceRegistry.BoothPresence> present = new HashMap<>();
        for (PresenceRegistry.BoothPresence booth : presence.snapshot()) {
            present.put(booth.boothId(), booth);
        }
        List<BoothHealth> list = new ArrayList<>();
        for (Booth booth : booths.list()) {
            PresenceRegistry.BoothPresence seen = present.get(booth.id());
            boolean online = seen != null && seen.online();
            Optional<PresenceRegistry.BoothStart> start = presence.start(booth.id());
            list.add(new BoothHealth(booth.id(), booth.name(), booth.location(), booth.enrolledAt(), booth.revokedAt(),
                    online, online ? seen.state() : null, presence.lastSeen(booth.id()),
                    seen == null ? null : seen.connectedAt(),
                    start.map(PresenceRegistry.BoothStart::startedAt).orElse(null),
                    start.map(PresenceRegistry.BoothStart::lastUncleanRestartAt).orElse(null)));
        }
        ctx.header("Cache-Control", "no-store");
        ctx.result(ProtocolJson.write(new BoothList(list)));
    }

    void revokeBooth(Context ctx) {
        Clerk admin = requests.authenticateAdmin(ctx);
        String boothId = ClerkRequests.pathId(ctx, "boothId", ErrorCodes.UNKNOWN_BOOTH, "no booth has this id");
        if (booths.findById(boothId).isEmpty()) {
            throw new ApiException(404, ErrorCodes.UNKNOWN_BOOTH, "no booth has this id");
        }
        boolean revokedNow = booths.revoke(boothId, clock.instant());
        // refused from its next request on (Booths answers from memory); its open presence socket is closed now
        presence.evict(boothId, PresenceRegistry.CLOSE_REVOKED, "booth revoked");
        LOG.warn("booth {} revoked by clerk {}{}", boothId, admin.id(), revokedNow ? "" : " (it already was)");
        ctx.status(204);
    }

    void listClerks(Context ctx) {
        requests.authenticateAdmin(ctx);
        List<ClerkAccountView> views = new ArrayList<>();
        for (ClerkAccounts.Account account : accounts.list(clock.instant())) {
            views.add(view(account.clerk(), account.locked()));
        }
        ctx.header("Cache-Control", "no-store");
        ctx.result(ProtocolJson.write(new ClerkList(views)));
    }

    void createClerk(Context ctx) {
        Clerk admin = requests.authenticateAdmin(ctx);
        NewClerkRequest request = ClerkRequests.parseSecret(ctx, NewClerkRequest.class);
        char[] password = request.password();
        Clerk created;
        try {
            if (password.length < NewClerkRequest.MIN_PASSWORD_LENGTH) {
                throw new ApiException(400, ErrorCodes.WEAK_PASSWORD, "a password has at least "
                        + NewClerkRequest.MIN_PASSWORD_LENGTH + " characters");
            }
            try {
                ClerkAccounts.normalizeUsername(request.username());
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, ErrorCodes.BAD_REQUEST, "a username has 1 to 128 characters");
            }
            created = accounts.create(request.username(), request.displayName(), password, request.admin());
        } catch (UsernameTakenException e) {
            throw new ApiException(409, ErrorCodes.USERNAME_TAKEN, "another clerk has this username");
        } finally {
            Arrays.fill(password, '\0');
        }
        LOG.info("clerk {} created by admin {}", created.id(), admin.id());
        ctx.status(201).result(ProtocolJson.write(view(created, false)));
    }

    void setDisabled(Context ctx, boolean disabled) {
        Clerk admin = requests.authenticateAdmin(ctx);
        String clerkId = clerkId(ctx);
        if (disabled && clerkId.equals(admin.id())) {
            throw new ApiException(409, ErrorCodes.CANNOT_DISABLE_SELF, "an admin cannot disable their own account");
        }
        if (!accounts.setDisabled(clerkId, disabled, clock.instant())) {
            throw unknownClerk();
        }
        if (disabled) {
            int ended = sessions.logoutEverywhere(clerkId);
            LOG.info("clerk {} disabled by admin {}; {} session(s) ended", clerkId, admin.id(), ended);
        } else {
            LOG.info("clerk {} enabled by admin {}", clerkId, admin.id());
        }
        ctx.status(204);
    }

    void unlock(Context ctx) {
        Clerk admin = requests.authenticateAdmin(ctx);
        String clerkId = clerkId(ctx);
        if (!accounts.unlock(clerkId)) {
            throw unknownClerk();
        }
        LOG.info("clerk {} unlocked by admin {}", clerkId, admin.id());
        ctx.status(204);
    }

    private static String clerkId(Context ctx) {
        return ClerkRequests.pathId(ctx, "clerkId", ErrorCodes.UNKNOWN_CLERK, "no clerk has this id");
    }

    private static ApiException unknownClerk() {
        return new ApiException(404, ErrorCodes.UNKNOWN_CLERK, "no clerk has this id");
    }

    private static ClerkAccountView view(Clerk clerk, boolean locked) {
        return new ClerkAccountView(clerk.id(), clerk.username(), clerk.displayName(), clerk.admin(), clerk.disabled(),
                locked, clerk.createdAt());
    }
}
