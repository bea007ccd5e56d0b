package org.carbonkiosk.agent.display;

import org.carbonkiosk.agent.display.DisplayMessage.BinEmptied;
import org.carbonkiosk.agent.display.DisplayMessage.Busy;
import org.carbonkiosk.agent.display.DisplayMessage.CardBlocked;
import org.carbonkiosk.agent.display.DisplayMessage.CardRead;
import org.carbonkiosk.agent.display.DisplayMessage.DoorForced;
import org.carbonkiosk.agent.display.DisplayMessage.DoorUnlocked;
import org.carbonkiosk.agent.display.DisplayMessage.LiveWeight;
import org.carbonkiosk.agent.display.DisplayMessage.NothingDeposited;
import org.carbonkiosk.agent.display.DisplayMessage.OutOfService;
import org.carbonkiosk.agent.display.DisplayMessage.PlaysGranted;
import org.carbonkiosk.agent.display.DisplayMessage.Ready;
import org.carbonkiosk.agent.display.DisplayMessage.ReceiptShown;
import org.carbonkiosk.agent.display.DisplayMessage.Recorded;
import org.carbonkiosk.agent.display.DisplayMessage.RecordedOffline;
import org.carbonkiosk.agent.display.DisplayMessage.ScaleUnsettled;
import org.carbonkiosk.agent.display.DisplayMessage.ServiceDoorUnlocked;
import org.carbonkiosk.agent.display.DisplayMessage.Weighing;
import org.carbonkiosk.protocol.message.DecisionStatus;
import org.carbonkiosk.protocol.message.Reason;

/** The words for each {@link DisplayMessage}, in Chinese and English. */
public final class DisplayTexts {
    private DisplayTexts() {
    }

    public static String render(DisplayMessage message, Language language) {
        String[] t = texts(message);
        return switch (language) {
            case ZH -> t[0];
            case EN -> t[1];
            case BOTH -> t[0] + " / " + t[1];
        };
    }

    /** {zh, en}. */
    private static String[] texts(DisplayMessage m) {
        if (m instanceof Ready) {
            return of("请刷卡投放", "Tap your card to recycle");
        } else if (m instanceof CardRead) {
            return of("已读卡，请稍候", "Card read, please wait");
        } else if (m instanceof DoorUnlocked) {
            return of("门已开锁，请投放后关门", "Door unlocked: put your items in, then close the door");
        } else if (m instanceof ServiceDoorUnlocked) {
            return of("维护：门已开锁，清运后请关门", "Service: door unlocked. Empty the bin, then close the door");
        } else if (m instanceof BinEmptied b) {
            return of("已记录清运：取出 " + b.removedGrams() + " 克，桶内剩余 " + b.binGramsAfter() + " 克",
                    "Bin emptying recorded: " + b.removedGrams() + " g removed, " + b.binGramsAfter() + " g left");
        } else if (m instanceof LiveWeight w) {
            return of("当前重量 " + signed(w.netGrams()) + " 克", "Weight so far " + signed(w.netGrams()) + " g");
        } else if (m instanceof Weighing) {
            return of("正在称重，请稍候", "Weighing, please wait");
        } else if (m instanceof Recorded r) {
            return of("已记录 " + signed(r.netGrams()) + " 克，正在确认积分", "Recorded " + signed(r.netGrams())
                    + " g, confirming your credit");
        } else if (m instanceof ReceiptShown r) {
            return receipt(r);
        } else if (m instanceof RecordedOffline r) {
            return of("已记录 " + signed(r.netGrams()) + " 克，设备恢复联网后将发放积分",
                    "Recorded " + signed(r.netGrams()) + " g, will be credited when the kiosk is back online");
        } else if (m instanceof NothingDeposited) {
            return of("未投放物品，未记录", "Nothing was deposited; nothing recorded");
        } else if (m instanceof ScaleUnsettled u) {
            return u.itemsInside()
                    ? of("秤无法称出稳定重量，本次投放未记录，抱歉。请联系客服", "The scale could not get a steady weight. "
                    + "This deposit was NOT recorded, sorry. Please contact service")
                    : of("秤暂时不稳定，请稍后再刷卡", "The scale is not steady; please tap your card again in a moment");
        } else if (m instanceof Busy) {
            return of("正在进行另一笔投放，请稍候", "Another deposit is in progress, please wait");
        } else if (m instanceof CardBlocked) {
            return of("此卡已被停用，无法记录积分。请联系客服", "This card is blocked and cannot earn credit. "
                    + "Please contact the service desk");
        } else if (m instanceof OutOfService o) {
            return o.depositNotRecorded()
                    ? of("设备故障：本次投放未能记录，抱歉。暂停服务", "Kiosk fault: this deposit could NOT be recorded, "
                    + "sorry. Out of service")
                    : of("暂停服务", "Out of service");
        } else if (m instanceof PlaysGranted p) {
            return of("获得 " + p.plays() + " 次抓娃娃机会", p.plays() + (p.plays() == 1 ? " play" : " plays")
                    + " granted, enjoy");
        } else if (m instanceof DoorForced) {
            return of("投放门被强行打开，已上报", "The door was forced open; this has been reported");
        }
        throw new IllegalArgumentException("no text for " + m);
    }

    private static String[] receipt(ReceiptShown r) {
        String month = r.monthCreditedGrams().isPresent() && r.monthCapGrams().isPresent()
                ? r.monthCreditedGrams().get() + " / " + r.monthCapGrams().get() + " g" : null;
        String monthZh = month == null ? "" : "，本月 " + month;
        String monthEn = month == null ? "" : ", " + month + " this month";
        Reason reason = r.reason().orElse(null);
        if (r.status() == DecisionStatus.CREDITED) {
            if (reason == Reason.CAP_REACHED) {
                return of("已记录 " + r.netGrams() + " 克，本月积分已达上限" + monthZh,
                        "Recorded " + r.netGrams() + " g; monthly limit reached" + monthEn);
            }
            if (reason == Reason.BELOW_MINIMUM) {
                return of("已记录 " + r.netGrams() + " 克，低于最低重量，无积分",
                        "Recorded " + r.netGrams() + " g: under the minimum weight, no credit");
            }
            return of("+" + r.creditedGrams() + " 克减排量" + monthZh, "+" + r.creditedGrams() + " g" + monthEn);
        }
        if (r.status() == DecisionStatus.HELD) {
            if (reason == Reason.CARD_UNBOUND) {
                return of("已记录 " + r.netGrams() + " 克。此卡尚未绑定账户，绑定后发放积分",
                        "Recorded " + r.netGrams() + " g. This card is not linked to an account yet; "
                                + "the credit follows when it is");
            }
            return of("已记录 " + r.netGrams() + " 克，积分待审核", "Recorded " + r.netGrams() + " g, credit held for review");
        }
        if (reason == Reason.CARD_BLOCKED) {
            return of("此卡已被停用，本次投放无积分。请联系客服",
                    "This card is blocked: no credit for this deposit. Please contact the service desk");
        }
        return of("本次投放未被接受，请联系客服", "This deposit was not accepted. Please contact service");
    }

    private static String signed(int grams) {
        return grams > 0 ? "+" + grams : Integer.toString(grams);
    }

    private static String[] of(String zh, String en) {
        return new String[] {zh, en};
    }
}
