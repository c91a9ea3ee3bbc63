package dev.hotloop.agent;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;

import dev.hotloop.config.AgentOptions;

import org.slf4j.Logger;

/**
 * The agent's own logging: a Logback context configured here, in code, writing to standard error
 * with a {@code [hotloop]} prefix. It never goes through SLF4J's {@code LoggerFactory}, so it
 * reads no {@code logback.xml} and cannot bind to, or be bound by, the application's logging;
 * both SLF4J and Logback are relocated inside the agent jar.
 */
public final class AgentLogging {

  private static volatile LoggerContext context;

  private AgentLogging() {
  }

  /** Configures the agent's logging at {@code level}; later calls change the level. */
  public static synchronized void configure(AgentOptions.LogLevel level) {
    LoggerContext ctx = context;
    if (ctx == null) {
      ctx = new LoggerContext();
      ctx.setName("hotloop");
      // Logback 1.5 expects the SLF4J binding to hand the context its MDC adapter.
      ctx.setMDCAdapter(new LogbackMDCAdapter());
      // A fixed layout, not a pattern: Logback's pattern parser loads some hundred classes,
      // which cost the JVM's start-up a tenth of a second for one line format.
      LineLayout layout = new LineLayout();
      layout.setContext(ctx);
      layout.start();
      LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
      encoder.setContext(ctx);
      encoder.setLayout(layout);
      encoder.start();
      ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
      appender.setContext(ctx);
      appender.setName("stderr");
      appender.setTarget("System.err");
      appender.setEncoder(encoder);
      appender.start();
      ch.qos.logback.classic.Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
      root.detachAndStopAllAppenders();
      root.addAppender(appender);
      ctx.start();
      context = ctx;
    }
    ctx.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(switch (level) {
      case ERROR -> Level.ERROR;
      case WARN -> Level.WARN;
      case INFO -> Level.INFO;
      case DEBUG -> Level.DEBUG;
    });
  }

  /** The agent's logger for {@code type}. */
  public static Logger logger(Class<?> type) {
    if (context == null) {
      configure(AgentOptions.LogLevel.INFO);
    }
    return context.getLogger(type.getSimpleName());
  }

  /**
   * {@code [hotloop] LEVEL message}, the level padded to five characters, then the stack trace
   * of a throwable logged with it: what the pattern {@code [hotloop] %-5level %msg%n} gives.
   */
  static final class LineLayout extends LayoutBase<ILoggingEvent> {

    @Override
    public String doLayout(ILoggingEvent event) {
      StringBuilder sb = new StringBuilder(128).append("[hotloop] ");
      String level = event.getLevel().toString();
      sb.append(level);
      for (int k = level.length(); k < 5; k++) {
        sb.append(' ');
      }
      sb.append(' ').append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
      IThrowableProxy thrown = event.getThrowableProxy();
      if (thrown != null) {
        // Ends with a line separator of its own.
        sb.append(ThrowableProxyUtil.asString(thrown));
      }
      return sb.toString();
    }
  }
}
