// VS Code entry point. Placeholder until the extension issue: one command that shows the size
// classes of a kernel preset, proving that the engine bundles into the extension host.
import * as vscode from 'vscode';
import { KERNEL_VERSIONS, kernelParams, type KernelVersion } from '../engine/kernel/params';
import { buildSizeClassTable } from '../engine/kernel/sizeClasses';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('zsreview.showClasses', async () => {
      const version = await vscode.window.showQuickPick([...KERNEL_VERSIONS], { placeHolder: 'Kernel version' });
      if (!version) return;
      const table = buildSizeClassTable(kernelParams(version as KernelVersion));
      void vscode.window.showInformationMessage(`zsreview: kernel ${version}: ${table.classes.length} size classes, huge_class_size ${table.hugeClassSize}`);
    }),
  );
}

export function deactivate(): void {}
