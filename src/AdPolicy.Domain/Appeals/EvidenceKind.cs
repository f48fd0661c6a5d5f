namespace AdPolicy.Domain.Appeals;

/// <summary>One item of an appeal's evidence checklist. Each kind belongs to exactly one row of SPEC 4's table.</summary>
public enum EvidenceKind
{
    /// <summary>Fulfilment: a shipping list or order tracking numbers.</summary>
    ShippingProof,

    /// <summary>Fulfilment: a video showing stock or inventory.</summary>
    ProductVideo,

    /// <summary>Fulfilment: an unboxing video showing that the delivery matches what the ad promised.</summary>
    MatchVideo,

    /// <summary>Business model: what users ordered (product, quantity or price of each order).</summary>
    OrdersPlaced,

    /// <summary>Business model: what the seller delivered, with logistics tracking.</summary>
    OrdersDelivered,

    /// <summary>Business model, only when the penalty came from a refused refund or return: the refunds or returns made.</summary>
    RefundOrReturnProof,

    /// <summary>Physical harm: a quality certificate issued by a competent authority.</summary>
    QualityCertificate,

    /// <summary>Physical harm: a sector-access certificate issued by a competent authority.</summary>
    SectorAccessCertificate,

    /// <summary>Data security: logistics tracking plus proof of a legitimate business model or permission.</summary>
    BusinessLegitimacyProof,
}

/// <summary>What is uploaded for an evidence item, and so which check applies.</summary>
public enum EvidenceFormat
{
    /// <summary>A CSV order list (see the order-list layout), checked by count and date coverage.</summary>
    OrderList,

    /// <summary>An MP4 or QuickTime video, checked by the duration in its headers.</summary>
    Video,

    /// <summary>A certificate document plus its authority, number and validity dates, checked against the suspension date.</summary>
    Certificate,

    /// <summary>A CSV logistics list (with tracking) plus a document proving the business model or permission, with a description.</summary>
    LogisticsAndBusinessDocument,
}
