global using VerifyUrl = Netsmart.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Netsmart.Analyzers.Rules.NetsmartUrlAnalyzer,
    Netsmart.Analyzers.CodeFixes.Rules.NetsmartUrlCodeFixProvider>;
global using VerifyScope = Netsmart.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Netsmart.Analyzers.Rules.SmartScopeAnalyzer,
    Netsmart.Analyzers.CodeFixes.Rules.SmartScopeCodeFixProvider>;
global using VerifyConfig = Netsmart.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Netsmart.Analyzers.Rules.ConfigFileAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;
