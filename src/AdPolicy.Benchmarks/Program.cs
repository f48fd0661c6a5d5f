using System.Globalization;
using AdPolicy.Benchmarks;

// dotnet run -c Release --project src/AdPolicy.Benchmarks -- queue [cases]
//                                                        -- queue-page [cases] [seconds per throughput round] [?query, e.g. ?Filter.Status=InReview]
//                                                        -- advertiser-pages [cases] [violations] [seconds per throughput round] [pages, e.g. ace,my-cases,promotions]
//                                                        -- startup [starts] [published folder, else scripts/publish.sh runs]
//                                                        -- desk [cases]
//                                                        -- deadlines [deadlines] [instances]
//                                                        -- sweep [deadlines]
//                                                        -- evidence-s3 [megabytes]
//                                                        -- api-intake [complaints] [clients]
//                                                        -- upload [megabytes]
var what = args.Length > 0 ? args[0] : "help";
int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
switch (what)
{
    case "queue":
        await QueueBenchmark.RunAsync(Arg(1, 1_000_000));
        break;
    case "queue-page":
        await QueuePageBenchmark.RunAsync(Arg(1, 1_000_000), Arg(2, 5), args.Length > 3 ? args[3] : "");
        break;
    case "advertiser-pages":
        await AdvertiserPagesBenchmark.RunAsync(Arg(1, 10_000), Arg(2, 300), Arg(3, 5), args.Length > 4 ? args[4] : "");
        break;
    case "startup":
        await StartupBenchmark.RunAsync(Arg(1, 5), args.Length > 2 ? args[2] : null);
        break;
    case "desk":
        await DeskBenchmark.RunAsync(Arg(1, 1_000_000));
        break;
    case "deadlines":
        await DeadlineBenchmark.RunAsync(Arg(1, 10_000), Arg(2, 3));
        break;
    case "sweep":
        await SweepBenchmark.RunAsync(Arg(1, 10_000));
        break;
    case "evidence-s3":
        await EvidenceBenchmark.RunAsync(Arg(1, 200));
        break;
    case "api-intake":
        await ApiIntakeBenchmark.RunAsync(Arg(1, 2_000), Arg(2, 8));
        break;
    case "upload":
        await UploadBenchmark.RunAsync(Arg(1, 1024));
        break;
    default:
        Console.WriteLine("Usage: queue [cases=1000000] | queue-page [cases=1000000] [seconds=5] [?query] | advertiser-pages [cases=10000] [violations=300] [seconds=5] [pages] | startup [starts=5] [published folder] | desk [cases=1000000] | deadlines [deadlines=10000] [instances=3] | sweep [deadlines=10000] | evidence-s3 [megabytes=200] | api-intake [complaints=2000] [clients=8] | upload [megabytes=1024]");
        break;
}
