package com.example.stats;

/** Counts of values per bucket: plain Java, which knows nothing of hotloop. */
public final class Histogram {

  private final long[] counts;

  public Histogram(int buckets) {
    counts = new long[buckets];
  }

  /** Counts {@code value} in bucket {@code bucket}. */
  public void add(int bucket, long value) {
    counts[bucket] += value;
  }

  /** The total of every bucket's count. */
  public long total() {
    long t = 0;
    for (int i = 0; i < counts.length; i++) {
      t += counts[i];
    }
    return t;
  }
}
