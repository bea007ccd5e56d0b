package org.carbonkiosk.simulator;

import java.util.Objects;

/** One resident account's calendar month ({@code yyyy-MM}, Asia/Shanghai): the unit of reconciliation. */
public record AccountMonth(String account, String month) implements Comparable<AccountMonth> {

    public AccountMonth {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(month, "month");
    }

    @Override
    public int compareTo(AccountMonth other) {
        int byAccount = account.compareTo(other.account);
        return byAccount != 0 ? byAccount : month.compareTo(other.month);
    }

    @Override
    public String toString() {
        return account + "@" + month;
    }
}
