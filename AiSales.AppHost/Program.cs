// Placeholder until the hosting shim lands.
Console.WriteLine("AiSales AppHost");
