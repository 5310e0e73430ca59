using AiSales.Core.Persistence.Entities;

namespace AiSales.Core.Staff.Commands;

/// <summary>What a team member's message asks for, as <see cref="StaffCommandParser"/> understood it.</summary>
public abstract record StaffIntent
{
    /// <summary>Reports and the staff_messages.intent column: orders.today, order.status, question.sales …</summary>
    public abstract string Name { get; }

    /// <summary>Changes something the team would not want changed by a typo: asks "sure?" first.</summary>
    public virtual bool Destructive => false;

    /// <summary>Only the shop's owners may do it (agents may look, move orders along and take chats).</summary>
    public virtual bool OwnerOnly => false;
}

public sealed record HelpIntent : StaffIntent { public override string Name => "help"; }

public sealed record UnknownIntent : StaffIntent { public override string Name => "unknown"; }

/// <summary>"نعم" / "yes" to a waiting destructive command, or "لا" / "no".</summary>
public sealed record ConfirmIntent(bool Yes) : StaffIntent { public override string Name => Yes ? "confirm.yes" : "confirm.no"; }

public sealed record OrdersTodayIntent : StaffIntent { public override string Name => "orders.today"; }

public sealed record OrderShowIntent(long Number) : StaffIntent { public override string Name => "order.show"; }

public sealed record OrderMoveIntent(long Number, OrderStatus To) : StaffIntent
{
    public override string Name => "order.status";
    public override bool Destructive => To == OrderStatus.Cancelled;
    public override bool OwnerOnly => To == OrderStatus.Cancelled;
}

/// <summary>A product by SKU or name (<see cref="Query"/> as written, without the command words).</summary>
public sealed record ProductShowIntent(string Query) : StaffIntent { public override string Name => "product.show"; }

public sealed record ProductSetPriceIntent(string Query, long PriceIqd) : StaffIntent
{
    public override string Name => "product.price";
    public override bool Destructive => true;
    public override bool OwnerOnly => true;
}

public sealed record ProductSetStockIntent(string Query, int Stock) : StaffIntent
{
    public override string Name => "product.stock";
    public override bool Destructive => true;
    public override bool OwnerOnly => true;
}

/// <summary>Pause (or resume) the assistant for the whole shop.</summary>
public sealed record ShopAiIntent(bool Pause) : StaffIntent
{
    public override string Name => Pause ? "ai.pause" : "ai.resume";
    public override bool Destructive => Pause;
    public override bool OwnerOnly => true;
}

/// <summary>Take one customer's chat from the assistant (pause it for them), or hand it back.</summary>
public sealed record CustomerChatIntent(string Query, bool TakeOver) : StaffIntent
{
    public override string Name => TakeOver ? "chat.takeover" : "chat.handback";
}

public sealed record AttentionIntent : StaffIntent { public override string Name => "attention"; }

/// <summary>A question about the shop's numbers over a period.</summary>
public sealed record QuestionIntent(QuestionKind Kind, StaffPeriod Period, string? Governorate) : StaffIntent
{
    public override string Name => "question." + Kind.ToString().ToLowerInvariant();
}

public enum QuestionKind
{
    /// <summary>Orders and revenue.</summary>
    Sales,
    /// <summary>How many orders (optionally to one governorate).</summary>
    Orders,
    /// <summary>Which products customers ask about most.</summary>
    TopProducts,
    /// <summary>Hot leads whose last message nobody answered.</summary>
    HotUnanswered,
    /// <summary>New customers (contacts) gained.</summary>
    NewCustomers,
}

public enum StaffPeriod
{
    Today,
    Yesterday,
    /// <summary>The last seven days, today included.</summary>
    Week,
    /// <summary>From the first of this month to today.</summary>
    Month,
}
