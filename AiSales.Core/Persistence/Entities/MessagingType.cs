namespace AiSales.Core.Persistence.Entities;

/// <summary>Why Meta allows the send: inside the 24 h window, the 7-day human agent tag, a comment private reply, or a WhatsApp template.</summary>
public enum MessagingType
{
    Response,
    HumanAgent,
    PrivateReply,
    Template
}
