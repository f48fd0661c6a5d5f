namespace AdPolicy.Domain.Accounts;

public enum Region
{
    Emea,
    NorthAmerica,
    LatinAmerica,
    AsiaPacific,
}

/// <summary>An advertiser organisation: it owns one or more ad accounts.</summary>
public sealed class Organisation
{
    public Organisation(Guid id, string name, Region region)
    {
        Id = id;
        Name = name;
        Region = region;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public Region Region { get; private set; }
}
