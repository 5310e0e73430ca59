using AiSales.Core.Persistence.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiSales.Core.Persistence;

/// <summary>
/// EF Core view of the schema created by the SQL files in Persistence/Migrations (the source of truth;
/// there is no EF migrations assembly). Every table and column is named here explicitly in snake_case;
/// SchemaAgreementTests compares this model with the migrated database.
/// </summary>
public partial class AiSalesDbContext(DbContextOptions<AiSalesDbContext> options)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<Merchant> Merchants => Set<Merchant>();
    public DbSet<MerchantMember> MerchantMembers => Set<MerchantMember>();
    public DbSet<ChannelAccount> ChannelAccounts => Set<ChannelAccount>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<OutboundSend> OutboundSends => Set<OutboundSend>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<LeadActivity> LeadActivities => Set<LeadActivity>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<ProcessedEvent> ProcessedEvents => Set<ProcessedEvent>();
    public DbSet<UnroutableEvent> UnroutableEvents => Set<UnroutableEvent>();
    public DbSet<AuditLogEntry> AuditLog => Set<AuditLogEntry>();
    public DbSet<SchemaMigration> SchemaMigrations => Set<SchemaMigration>();
    public DbSet<MerchantApiKey> MerchantApiKeys => Set<MerchantApiKey>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderItem> OrderItems => Set<OrderItem>();
    public DbSet<StaffPhone> StaffPhones => Set<StaffPhone>();
    public DbSet<StaffMessage> StaffMessages => Set<StaffMessage>();
    public DbSet<ChannelSignal> ChannelSignals => Set<ChannelSignal>();
    public DbSet<ChannelAlert> ChannelAlerts => Set<ChannelAlert>();
    public DbSet<LeadFormSubmission> LeadFormSubmissions => Set<LeadFormSubmission>();
    // Campaign results (migration 0014, docs/campaigns.md).
    public DbSet<AdAccount> AdAccounts => Set<AdAccount>();
    public DbSet<AdCampaign> AdCampaigns => Set<AdCampaign>();
    public DbSet<AdInsightDay> AdInsightDays => Set<AdInsightDay>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Identity 10 maps passkeys whenever the host's IdentityOptions ask for schema Version3, even with
        // SchemaVersion pinned below; our schema has no passkeys table, so drop the entity explicitly.
        builder.Ignore<IdentityUserPasskey<Guid>>();

        MapIdentity(builder);
        MapOdoo(builder);
        MapTemplates(builder);
        MapCommerce(builder);
        MapMedia(builder);

        builder.Entity<Merchant>(e =>
        {
            e.ToTable("merchants");
            e.HasIndex(x => x.Slug).IsUnique();
            e.Property(x => x.AiSettings).Jsonb();
        });

        builder.Entity<MerchantMember>(e =>
        {
            e.ToTable("merchant_members");
            e.HasKey(x => new { x.MerchantId, x.UserId });
        });

        builder.Entity<ChannelAccount>(e =>
        {
            e.ToTable("channel_accounts");
            e.HasIndex(x => new { x.Platform, x.ExternalId }).IsUnique();
            e.Property(x => x.Settings).HasColumnType("jsonb");
        });

        builder.Entity<Contact>(e =>
        {
            e.ToTable("contacts");
            e.HasIndex(x => new { x.ChannelAccountId, x.ExternalId }).IsUnique();
            e.Property(x => x.FirstTouch).Jsonb();
            e.Property(x => x.LastTouch).Jsonb();
        });

        builder.Entity<Conversation>(e =>
        {
            e.ToTable("conversations");
            e.HasIndex(x => x.ContactId).IsUnique().HasFilter("status = 'open'");
            e.Property(x => x.SalesState).Jsonb();
        });

        builder.Entity<Message>(e =>
        {
            e.ToTable("messages");
            e.HasIndex(x => new { x.ChannelAccountId, x.ExternalId }).IsUnique();
            e.Property(x => x.Attachments).Jsonb();
            e.Property(x => x.Reactions).Jsonb();
            e.Property(x => x.Referral).HasColumnType("jsonb");
        });

        builder.Entity<OutboundSend>(e =>
        {
            e.ToTable("outbound_sends");
            e.HasIndex(x => x.IdempotencyKey).IsUnique();
        });

        builder.Entity<Product>(e =>
        {
            e.ToTable("products");
            e.HasIndex(x => new { x.MerchantId, x.Sku }).IsUnique();
            e.Property(x => x.Variants).Jsonb();
        });

        builder.Entity<Order>(e =>
        {
            e.ToTable("orders");
            // Taken by the orders_take_number trigger on insert (migration 0009) and read back.
            e.Property(x => x.Number).ValueGeneratedOnAdd();
        });
        builder.Entity<StaffPhone>(e =>
        {
            e.ToTable("staff_phones");
            e.Property(x => x.PendingCommand).HasColumnType("jsonb");
        });
        builder.Entity<StaffMessage>(e => e.ToTable("staff_messages"));
        builder.Entity<ChannelSignal>(e =>
        {
            e.ToTable("channel_signals");
            e.Property(x => x.Detail).HasColumnType("jsonb");
        });
        builder.Entity<ChannelAlert>(e =>
        {
            e.ToTable("channel_alerts");
            e.Property(x => x.Detail).HasColumnType("jsonb");
            e.HasIndex(x => new { x.ChannelAccountId, x.Kind }).IsUnique().HasFilter("resolved_at IS NULL");
        });
        builder.Entity<OrderItem>(e => e.ToTable("order_items"));
        builder.Entity<LeadFormSubmission>(e =>
        {
            e.ToTable("lead_form_submissions");
            e.Property(x => x.Answers).HasColumnType("jsonb");
            e.HasIndex(x => new { x.MerchantId, x.LeadgenId }).IsUnique();
        });
        // Campaign results (migration 0014).
        builder.Entity<AdAccount>(e => e.ToTable("ad_accounts"));
        builder.Entity<AdCampaign>(e => { e.ToTable("ad_campaigns"); e.HasKey(x => new { x.AdAccountId, x.CampaignId }); });
        builder.Entity<AdInsightDay>(e => { e.ToTable("ad_insights_daily"); e.HasKey(x => new { x.AdAccountId, x.AdId, x.Day }); });
        builder.Entity<AdAccount>().HasOne<Merchant>().WithMany().HasForeignKey(x => x.MerchantId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<AdCampaign>().HasOne<AdAccount>().WithMany().HasForeignKey(x => x.AdAccountId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<AdInsightDay>().HasOne<AdAccount>().WithMany().HasForeignKey(x => x.AdAccountId).OnDelete(DeleteBehavior.Cascade);

        builder.Entity<LeadActivity>(e =>
        {
            e.ToTable("lead_activities");
            e.Property(x => x.Reasons).Jsonb();
        });

        builder.Entity<WebhookDelivery>(e =>
        {
            e.ToTable("webhook_deliveries");
            e.Property(x => x.Id).UseIdentityAlwaysColumn();
            e.Property(x => x.Headers).Jsonb();
        });

        builder.Entity<ProcessedEvent>(e =>
        {
            e.ToTable("processed_events");
            e.HasKey(x => new { x.Platform, x.EventKey });
        });

        builder.Entity<UnroutableEvent>(e =>
        {
            e.ToTable("unroutable_events");
            e.Property(x => x.Payload).HasColumnType("jsonb");
        });

        builder.Entity<AuditLogEntry>(e =>
        {
            e.ToTable("audit_log");
            e.Property(x => x.Id).UseIdentityAlwaysColumn();
            e.Property(x => x.Details).HasColumnType("jsonb");
        });

        builder.Entity<SchemaMigration>(e =>
        {
            e.ToTable("schema_migrations");
            e.HasKey(x => x.Version);
            e.Property(x => x.Version).ValueGeneratedNever();
        });

        builder.Entity<MerchantApiKey>(e =>
        {
            e.ToTable("merchant_api_keys");
            e.HasIndex(x => x.Prefix).IsUnique();
        });

        MapRelationships(builder);
        ApplyNamingAndEnums(builder);
    }

    /// <summary>
    /// The foreign keys of the SQL, without navigation properties: EF needs them to order inserts
    /// (merchant before channel account before contact...) and to mirror ON DELETE behaviour.
    /// </summary>
    private static void MapRelationships(ModelBuilder builder)
    {
        builder.Entity<MerchantMember>().HasOne<Merchant>().WithMany().HasForeignKey(x => x.MerchantId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<MerchantMember>().HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);

        builder.Entity<ChannelAccount>().HasOne<Merchant>().WithMany().HasForeignKey(x => x.MerchantId).OnDelete(DeleteBehavior.Cascade);

        builder.Entity<Contact>().HasOne<Merchant>().WithMany().HasForeignKey(x => x.MerchantId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<Contact>().HasOne<ChannelAccount>().WithMany().HasForeignKey(x => x.ChannelAccountId).OnDelete(DeleteBehavior.Cascade);

        builder.Entity<Conversation>().HasOne<Merchant>().WithMany().HasForeignKey(x => x.MerchantId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<Conversation>().HasOne<ChannelAccount>().WithMany().HasForeignKey(x => x.ChannelAccountId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<Conversation>().HasOne<Contact>().WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Cascade);

        builder.Entity<Message>().HasOne<Merchant>().WithMany().HasForeignKey(x => x.MerchantId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<Message>().HasOne<Conversation>().WithMany().HasForeignKey(x => x.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<Message>().HasOne<ChannelAccount>().WithMany().HasForeignKey(x => x.ChannelAccountId).OnDelete(DeleteBehavior.Cascade);

        builder.Entity<OutboundSend>().HasOne<Merchant>().WithMany().HasForeignKey(x => x.MerchantId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<OutboundSend>().HasOne<Message>().WithMany().HasForeignKey(x => x.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<OutboundSend>().HasOne<ChannelAccount>().WithMany().HasForeignKey(x => x.ChannelAccountId).OnDelete(DeleteBehavior.Cascade);

        builder.Entity<Product>().HasOne<Merchant>().WithMany().HasForeignKey(x => x.MerchantId).OnDelete(DeleteBehavior.Cascade);

        builder.Entity<LeadActivity>().HasOne<Merchant>().WithMany().HasForeignKey(x => x.MerchantId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<LeadActivity>().HasOne<Contact>().WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<LeadActivity>().HasOne<Message>().WithMany().HasForeignKey(x => x.MessageId).OnDelete(DeleteBehavior.SetNull);

        builder.Entity<ProcessedEvent>().HasOne<WebhookDelivery>().WithMany().HasForeignKey(x => x.DeliveryId).OnDelete(DeleteBehavior.SetNull);
        builder.Entity<UnroutableEvent>().HasOne<WebhookDelivery>().WithMany().HasForeignKey(x => x.DeliveryId).OnDelete(DeleteBehavior.SetNull);

        builder.Entity<Order>().HasOne<Merchant>().WithMany().HasForeignKey(x => x.MerchantId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<Order>().HasOne<Contact>().WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<Order>().HasOne<Conversation>().WithMany().HasForeignKey(x => x.ConversationId).OnDelete(DeleteBehavior.SetNull);
        builder.Entity<OrderItem>().HasOne<Order>().WithMany().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<OrderItem>().HasOne<Merchant>().WithMany().HasForeignKey(x => x.MerchantId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<OrderItem>().HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.SetNull);

        builder.Entity<StaffPhone>().HasOne<Merchant>().WithMany().HasForeignKey(x => x.MerchantId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<StaffPhone>().HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<StaffPhone>().HasOne<ChannelAccount>().WithMany().HasForeignKey(x => x.ChannelAccountId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<StaffMessage>().HasOne<StaffPhone>().WithMany().HasForeignKey(x => x.StaffPhoneId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<StaffMessage>().HasOne<Merchant>().WithMany().HasForeignKey(x => x.MerchantId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<ChannelSignal>().HasOne<Merchant>().WithMany().HasForeignKey(x => x.MerchantId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<ChannelSignal>().HasOne<ChannelAccount>().WithMany().HasForeignKey(x => x.ChannelAccountId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<ChannelAlert>().HasOne<Merchant>().WithMany().HasForeignKey(x => x.MerchantId).OnDelete(DeleteBehavior.Cascade);
        builder.Entity<ChannelAlert>().HasOne<ChannelAccount>().WithMany().HasForeignKey(x => x.ChannelAccountId).OnDelete(DeleteBehavior.Cascade);

        builder.Entity<MerchantApiKey>().HasOne<Merchant>().WithMany().HasForeignKey(x => x.MerchantId).OnDelete(DeleteBehavior.Cascade);

        builder.Entity<AuditLogEntry>().HasOne<Merchant>().WithMany().HasForeignKey(x => x.MerchantId).OnDelete(DeleteBehavior.SetNull);
        builder.Entity<AuditLogEntry>().HasOne<AppUser>().WithMany().HasForeignKey(x => x.ActorUserId).OnDelete(DeleteBehavior.SetNull);
    }

    /// <summary>
    /// Pins the Identity table shape to what 0001_schema_v1.sql creates, whatever IdentityOptions.Stores.SchemaVersion
    /// the host configures (Version3 would map a passkeys table that does not exist). Moving to passkeys means a new
    /// migration creating user_passkeys and raising this pin together.
    /// </summary>
    protected override Version SchemaVersion => IdentitySchemaVersions.Version1;

    private static void MapIdentity(ModelBuilder builder)
    {
        builder.Entity<AppUser>().ToTable("users");
        builder.Entity<IdentityRole<Guid>>().ToTable("roles");
        builder.Entity<IdentityUserRole<Guid>>().ToTable("user_roles");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("role_claims");
    }

    /// <summary>
    /// Columns are the snake_case of their property (Identity's PascalCase ones too) and every enum
    /// is stored as text, matching the CHECK constraints in the SQL.
    /// </summary>
    private static void ApplyNamingAndEnums(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(EnumTextNames.ToSnakeCase(property.Name));

                var enumType = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
                if (enumType.IsEnum)
                    property.SetValueConverter((Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter)
                        Activator.CreateInstance(typeof(EnumTextConverter<>).MakeGenericType(enumType))!);
            }
        }
    }
}

internal static class JsonbPropertyExtensions
{
    /// <summary>Typed value in a jsonb column, with deep-copy change tracking.</summary>
    public static PropertyBuilder<T> Jsonb<T>(this PropertyBuilder<T> property) =>
        property.HasConversion(new JsonbConverter<T>(), new JsonbComparer<T>()).HasColumnType("jsonb");
}
