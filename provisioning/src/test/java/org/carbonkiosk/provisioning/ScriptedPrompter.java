package org.carbonkiosk.provisioning;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.carbonkiosk.provisioning.prompt.Prompter;

/** A technician at a terminal, answering from a script; records the questions asked. */
public final class ScriptedPrompter implements Prompter {
    private final Deque<String> answers = new ArrayDeque<>();
    private final List<String> asked = new ArrayList<>();
    private Runnable onEnter = () -> { };

    public ScriptedPrompter answers(String... values) {
        answers.addAll(List.of(values));
        return this;
    }

    public ScriptedPrompter onEnter(Runnable action) {
        this.onEnter = action;
        return this;
    }

    public List<String> asked() {
        return asked;
    }

    @Override
    public boolean interactive() {
        return true;
    }

    @Override
    public String ask(String question, String flag, Optional<String> defaultValue) {
        asked.add(question);
        String a = next(question);
        return a.isEmpty() && defaultValue.isPresent() ? defaultValue.get() : a;
    }

    @Override
    public char[] askSecret(String question, String flag) {
        asked.add(question);
        return next(question).toCharArray();
    }

    @Override
    public boolean confirm(String question, String flag) {
        asked.add(question);
        return next(question).equalsIgnoreCase("y");
    }

    @Override
    public void waitForEnter(String instruction) {
        asked.add(instruction);
        onEnter.run();
    }

    private String next(String question) {
        if (answers.isEmpty()) {
            throw new AssertionError("unexpected question: " + question);
        }
        return answers.poll();
    }
}
