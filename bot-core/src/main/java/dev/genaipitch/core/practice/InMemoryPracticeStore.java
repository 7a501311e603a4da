package dev.genaipitch.core.practice;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Practice state in this process, the least recently active reps dropped beyond a capacity. */
final class InMemoryPracticeStore implements PracticeStore {

  private final Map<String, PracticeState> states;

  InMemoryPracticeStore(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.states =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, PracticeState> eldest) {
            return size() > capacity;
          }
        };
  }

  @Override
  public synchronized PracticeState get(String rep) {
    return states.getOrDefault(rep, PracticeState.EMPTY);
  }

  @Override
  public synchronized PracticeState update(String rep, UnaryOperator<PracticeState> change) {
    PracticeState next = change.apply(states.getOrDefault(rep, PracticeState.EMPTY));
    states.put(rep, next);
    return next;
  }
}
