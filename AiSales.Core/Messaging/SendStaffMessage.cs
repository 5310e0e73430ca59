namespace AiSales.Core.Messaging;

/// <summary>
/// Queue message: send one outbound <c>staff_messages</c> row (status pending) to the team member's WhatsApp from the
/// shop's number it is linked through. Committed with the row (<see cref="Staff.StaffOutbox"/>).
/// </summary>
public sealed record SendStaffMessage(Guid StaffMessageId);

/// <summary>
/// Queue message: answer one inbound <c>staff_messages</c> row (a command or question from a linked team member).
/// Committed with the row by the inbound pipeline, instead of anything the customer pipeline would do.
/// </summary>
public sealed record HandleStaffMessage(Guid StaffMessageId);
