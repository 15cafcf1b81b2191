using System.Xml.Linq;
using AiCompare.Data;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace AiCompare.Web.Hosting;

/// <summary>Data Protection's key ring kept in the database (<see cref="DataProtectionKeyRepository"/>).</summary>
public sealed class DatabaseXmlRepository(DataProtectionKeyRepository keys) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => [.. keys.All().Select(xml => XElement.Parse(xml))];

    public void StoreElement(XElement element, string friendlyName) =>
        keys.Store(friendlyName, element.ToString(SaveOptions.DisableFormatting));
}
