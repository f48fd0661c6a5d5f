using System.Globalization;
using AdPolicy.Benchmarks;

// dotnet run -c Release --project src/AdPolicy.Benchmarks -- queue [cases]
//                                                        -- desk [cases]
//                                                        -- deadlines [deadlines] [instances]
//                                                        -- evidence-s3 [megabytes]
var what = args.Length > 0 ? args[0] : "help";
int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
switch (what)
{
    case "queue":
        await QueueBenchmark.RunAsync(Arg(1, 1_000_000));
        break;
    case "desk":
        await DeskBenchmark.RunAsync(Arg(1, 1_000_000));
        break;
    case "deadlines":
        await DeadlineBenchmark.RunAsync(Arg(1, 10_000), Arg(2, 3));
        break;
    case "evidence-s3":
        await EvidenceBenchmark.RunAsync(Arg(1, 200));
        break;
    default:
        Console.WriteLine("Usage: queue [cases=1000000] | desk [cases=1000000] | deadlines [deadlines=10000] [instances=3] | evidence-s3 [megabytes=200]");
        break;
}
