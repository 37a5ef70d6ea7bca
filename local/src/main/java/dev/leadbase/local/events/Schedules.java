package dev.leadbase.local.events;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.leadbase.local.LocalFunction;
import dev.leadbase.local.template.Resolver;
import dev.leadbase.local.template.Template;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;

/** EventBridge schedules of the template, fired on a daemon scheduler. */
public final class Schedules implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Schedules.class.getName());
    private static final Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.*)\\)");

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("schedules").factory());
    private final int retries;

    public Schedules() {
        this(0);
    }

    /** {@code retries}: how often a failed run is tried again (Lambda retries an asynchronous invocation twice). */
    public Schedules(int retries) {
        this.retries = retries;
    }

    public void start(LocalFunction function, Template.ScheduleEvent schedule) {
        if (!schedule.enabled()) {
            return;
        }
        Matcher rate = RATE.matcher(schedule.expression().trim());
        if (rate.matches()) {
            long minutes = Long.parseLong(rate.group(1)) * switch (rate.group(2)) {
                case "minute", "minutes" -> 1;
                case "hour", "hours" -> 60;
                default -> 1440;
            };
            scheduler.scheduleAtFixedRate(() -> fire(function, schedule), minutes, minutes, TimeUnit.MINUTES);
            return;
        }
        Matcher cron = CRON.matcher(schedule.expression().trim());
        if (cron.matches()) {
            try {
                scheduleCron(function, schedule, new Cron(cron.group(1)));
            } catch (IllegalArgumentException e) {
                LOG.warning("Schedule " + schedule.expression() + " of " + function.name()
                        + " is not supported locally (" + e.getMessage() + "); fire it via /_local/schedules/"
                        + function.name());
            }
            return;
        }
        LOG.warning("Unknown schedule expression " + schedule.expression() + " on " + function.name());
    }

    private void scheduleCron(LocalFunction function, Template.ScheduleEvent schedule, Cron cron) {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        ZonedDateTime next = cron.next(now);
        if (next == null) {
            return;
        }
        scheduler.schedule(() -> {
            fire(function, schedule);
            scheduleCron(function, schedule, cron);
        }, Duration.between(now, next).toMillis(), TimeUnit.MILLISECONDS);
    }

    private void fire(LocalFunction function, Template.ScheduleEvent schedule) {
        fire(function, event(function, schedule), 0);
    }

    /** Runs the function; on failure tries the same event again after 1 s, 2 s... (on AWS: about 1 and 2 minutes). */
    private void fire(LocalFunction function, ScheduledEvent event, int attempt) {
        try {
            function.invoke(event);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, "Scheduled run of " + function.name() + " failed"
                    + (attempt < retries ? "; retrying, as Lambda retries an asynchronous invocation" : ""), e);
            if (attempt < retries && !scheduler.isShutdown()) {
                scheduler.schedule(() -> fire(function, event, attempt + 1), 1L << attempt, TimeUnit.SECONDS);
            }
        }
    }

    /** The event EventBridge sends for a scheduled rule. */
    public static ScheduledEvent event(LocalFunction function, Template.ScheduleEvent schedule) {
        ScheduledEvent event = new ScheduledEvent();
        event.setVersion("0");
        event.setId(UUID.randomUUID().toString());
        event.setDetailType("Scheduled Event");
        event.setSource("aws.events");
        event.setAccount(Resolver.ACCOUNT);
        event.setRegion(Resolver.REGION);
        event.setTime(new DateTime(DateTimeZone.UTC).withMillisOfSecond(0));
        event.setResources(List.of("arn:aws:events:" + Resolver.REGION + ":" + Resolver.ACCOUNT + ":rule/"
                + function.name() + "-" + schedule.name()));
        event.setDetail(Map.of());
        return event;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /**
     * An approximation of EventBridge cron (minutes hours day-of-month month day-of-week year, UTC):
     * supports *, ?, lists, ranges and steps; not L, W or #. Day-of-week uses 1=SUN..7=SAT or names.
     */
    static final class Cron {
        private final boolean[] minutes = new boolean[60];
        private final boolean[] hours = new boolean[24];
        private final boolean[] days = new boolean[32];
        private final boolean[] months = new boolean[13];
        private final boolean[] weekdays = new boolean[8];
        private final boolean anyDay;
        private final boolean anyWeekday;

        Cron(String expression) {
            String[] f = expression.trim().split("\\s+");
            if (f.length < 5) {
                throw new IllegalArgumentException("expected 6 fields");
            }
            parse(f[0], minutes, 0, 59, List.of());
            parse(f[1], hours, 0, 23, List.of());
            anyDay = f[2].equals("?") || f[2].equals("*");
            parse(f[2], days, 1, 31, List.of());
            parse(f[3], months, 1, 12, List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
                    "OCT", "NOV", "DEC"));
            anyWeekday = f[4].equals("?") || f[4].equals("*");
            parse(f[4], weekdays, 1, 7, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"));
        }

        ZonedDateTime next(ZonedDateTime after) {
            ZonedDateTime t = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            for (int i = 0; i < 366 * 24 * 60; i++, t = t.plusMinutes(1)) {
                int weekday = t.getDayOfWeek().getValue() % 7 + 1;
                boolean dayOk = anyDay && anyWeekday || (anyDay ? weekdays[weekday]
                        : anyWeekday ? days[t.getDayOfMonth()] : days[t.getDayOfMonth()] || weekdays[weekday]);
                if (minutes[t.getMinute()] && hours[t.getHour()] && months[t.getMonthValue()] && dayOk) {
                    return t;
                }
            }
            return null;
        }

        private static void parse(String field, boolean[] target, int min, int max, List<String> names) {
            for (String part : field.toUpperCase().split(",")) {
                String withoutNames = part;
                for (String name : names) {
                    withoutNames = withoutNames.replace(name, "");
                }
                if (withoutNames.matches(".*[LW#].*")) {
                    throw new IllegalArgumentException("L, W and # are not supported");
                }
                String range = part;
                int step = 1;
                if (part.contains("/")) {
                    range = part.substring(0, part.indexOf('/'));
                    step = Integer.parseInt(part.substring(part.indexOf('/') + 1));
                }
                int from;
                int to;
                if (range.equals("*") || range.equals("?")) {
                    from = min;
                    to = max;
                } else if (range.contains("-")) {
                    from = value(range.substring(0, range.indexOf('-')), min, names);
                    to = value(range.substring(range.indexOf('-') + 1), min, names);
                } else {
                    from = value(range, min, names);
                    to = part.contains("/") ? max : from;
                }
                for (int v = from; v <= to; v += step) {
                    target[v] = true;
                }
            }
        }

        private static int value(String token, int min, List<String> names) {
            int index = names.indexOf(token);
            return index >= 0 ? index + min : Integer.parseInt(token);
        }
    }
}
