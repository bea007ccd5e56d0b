package org.carbonkiosk.collector.credit;

/**
 * What an account has in one month so far.
 *
 * @param creditedGrams   grams credited
 * @param deposits        deposits decided {@code credited} (including 0 g ones)
 * @param countedDeposits deposits credited above 0 g (what the count limit counts)
 */
public record MonthTotals(int creditedGrams, int deposits, int countedDeposits) {
    public static final MonthTotals EMPTY = new MonthTotals(0, 0, 0);

    /** These totals after one more credited deposit of {@code grams}. */
    public MonthTotals plus(int grams) {
        return new MonthTotals(creditedGrams + grams, deposits + 1, countedDeposits + (grams > 0 ? 1 : 0));
    }
}
