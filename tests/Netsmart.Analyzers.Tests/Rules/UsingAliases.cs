global using VerifyUrl = Netsmart.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Netsmart.Analyzers.Rules.NetsmartUrlAnalyzer,
    Netsmart.Analyzers.CodeFixes.Rules.NetsmartUrlCodeFixProvider>;
