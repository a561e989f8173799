package dev.keepsake.archive;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unmaps a mapped buffer now instead of when the garbage collector finds it: a multi-gigabyte video
 * is compared window by window, and mappings left for the collector would keep its pages counted in
 * the process's memory. Uses {@code sun.misc.Unsafe.invokeCleaner}, which the JDK exports for
 * exactly this (module jdk.unsupported); where it is missing the buffer is left to the collector.
 *
 * <p>The caller must not touch the buffer afterwards: its memory is gone.
 */
final class Unmapper {
  private static final Logger log = LoggerFactory.getLogger(Unmapper.class);
  private static final Object UNSAFE;
  private static final Method INVOKE_CLEANER;

  static {
    Object unsafe = null;
    Method invokeCleaner = null;
    try {
      Class<?> type = Class.forName("sun.misc.Unsafe");
      Field field = type.getDeclaredField("theUnsafe");
      field.setAccessible(true);
      unsafe = field.get(null);
      invokeCleaner = type.getMethod("invokeCleaner", ByteBuffer.class);
    } catch (ReflectiveOperationException | RuntimeException unavailable) {
      log.debug("mapped buffers are unmapped by the garbage collector: {}", unavailable.toString());
    }
    UNSAFE = unsafe;
    INVOKE_CLEANER = invokeCleaner;
  }

  private Unmapper() {}

  /** Unmaps {@code buffer} (a direct buffer from {@code FileChannel.map}); {@code null} is ignored. */
  static void unmap(ByteBuffer buffer) {
    if (buffer == null || INVOKE_CLEANER == null) {
      return;
    }
    try {
      INVOKE_CLEANER.invoke(UNSAFE, buffer);
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.debug("could not unmap a buffer; the garbage collector will: {}", e.toString());
    }
  }
}
