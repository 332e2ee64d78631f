namespace Netsmart.Knowledge.Urls
{
    internal static class KnowledgeMarker
    {
    }
}
