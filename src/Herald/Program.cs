using Herald.Hosting;

return await HeraldApp.RunAsync(args);
