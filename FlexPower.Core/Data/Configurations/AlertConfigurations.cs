using FlexPower.Core.Alerts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlexPower.Core.Data.Configurations;

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> alert)
    {
        alert.ToTable("alerts");
        alert.HasKey(a => a.Id);
        alert.Property(a => a.Id).HasColumnName("id");
        alert.Property(a => a.Kind).HasColumnName("kind").HasMaxLength(32);
        alert.Property(a => a.Subject).HasColumnName("subject").HasMaxLength(200);
        alert.Property(a => a.Message).HasColumnName("message");
        alert.Property(a => a.RaisedUtc).HasColumnName("raised_utc");
        alert.Property(a => a.ClearedUtc).HasColumnName("cleared_utc");
        alert.Property(a => a.ClearedMessage).HasColumnName("cleared_message");
        alert.Property(a => a.AcknowledgedUtc).HasColumnName("acknowledged_utc");
        alert.Property(a => a.AcknowledgedBy).HasColumnName("acknowledged_by").HasMaxLength(256);
        // One open alert per kind and subject, whichever instance raises it.
        alert.HasIndex(a => new { a.Kind, a.Subject }).IsUnique().HasFilter("cleared_utc IS NULL").HasDatabaseName("ux_alerts_open_kind_subject");
        alert.HasIndex(a => a.RaisedUtc).HasDatabaseName("ix_alerts_raised");
    }
}

internal sealed class AlertDeliveryConfiguration : IEntityTypeConfiguration<AlertDelivery>
{
    public void Configure(EntityTypeBuilder<AlertDelivery> delivery)
    {
        delivery.ToTable("alert_deliveries");
        delivery.HasKey(d => d.Id);
        delivery.Property(d => d.Id).HasColumnName("id");
        delivery.Property(d => d.AlertId).HasColumnName("alert_id");
        delivery.Property(d => d.Event).HasColumnName("event").HasConversion<string>().HasMaxLength(16);
        delivery.Property(d => d.Channel).HasColumnName("channel").HasConversion<string>().HasMaxLength(16);
        delivery.Property(d => d.CreatedUtc).HasColumnName("created_utc");
        delivery.Property(d => d.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(16);
        delivery.Property(d => d.Attempts).HasColumnName("attempts");
        delivery.Property(d => d.NextAttemptUtc).HasColumnName("next_attempt_utc");
        delivery.Property(d => d.LastAttemptUtc).HasColumnName("last_attempt_utc");
        delivery.Property(d => d.LastError).HasColumnName("last_error");
        delivery.Property(d => d.DeliveredUtc).HasColumnName("delivered_utc");
        delivery.Property(d => d.ClaimedUntilUtc).HasColumnName("claimed_until_utc");
        delivery.Property(d => d.ClaimedBy).HasColumnName("claimed_by").HasMaxLength(64);
        delivery.HasOne<Alert>().WithMany().HasForeignKey(d => d.AlertId).OnDelete(DeleteBehavior.Cascade);
        delivery.HasIndex(d => new { d.Status, d.NextAttemptUtc }).HasDatabaseName("ix_alert_deliveries_due");
    }
}
