#!/usr/bin/env python3
"""Summarises a dotnet-trace CPU profile converted to speedscope (tests/Performance/README.md, "Profiling").

  dotnet dotnet-trace collect -p PID --profile dotnet-sampled-thread-time --duration 00:00:15 -o list.nettrace
  dotnet dotnet-trace convert list.nettrace --format speedscope -o list      # writes list.speedscope.json
  tests/Performance/profile-summary.py list.speedscope.json                  # top frames, inclusive and exclusive
  tests/Performance/profile-summary.py list.speedscope.json --callees 'ApiCredentialService.ListAsync' --depth 2
  tests/Performance/profile-summary.py list.speedscope.json --callers 'Monitor.Enter_Slowpath' --depth 4

Only samples whose innermost frame is CPU_TIME count (threads waiting in native code are UNMANAGED_CODE_TIME).
Shares are of all those samples, over every thread of the process.
"""
import argparse
import collections
import json

ASYNC_PLUMBING = ('MoveNext', 'AsyncMethodBuilderCore', 'AsyncTaskMethodBuilder', 'ExecutionContext', 'Start(!!0&)',
                  'AwaitUnsafeOnCompleted', 'CPU_TIME', 'UNMANAGED_CODE_TIME')


def short(frame):
    return frame.split('(')[0].split('!')[-1][-90:]


def samples(path):
    """Yields (stack of frame names, weight) for every CPU sample."""
    data = json.load(open(path, encoding='utf-8'))
    frames = [f['name'] for f in data['shared']['frames']]
    for profile in data['profiles']:
        stack, last = [], profile['startValue']
        for event in profile['events']:
            weight = event['at'] - last
            if stack and weight > 0 and frames[stack[-1]] == 'CPU_TIME':
                yield [frames[f] for f in stack], weight
            last = event['at']
            if event['type'] == 'O':
                stack.append(event['frame'])
            else:
                stack.pop()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('profile')
    parser.add_argument('--top', type=int, default=40)
    parser.add_argument('--callees', metavar='FRAME', help='what the first frame containing FRAME spends its time in')
    parser.add_argument('--callers', metavar='FRAME', help='the stacks that lead to the first frame containing FRAME')
    parser.add_argument('--depth', type=int, default=1)
    args = parser.parse_args()

    total = 0
    inclusive, exclusive, grouped = collections.Counter(), collections.Counter(), collections.Counter()
    for stack, weight in samples(args.profile):
        total += weight
        if args.callees or args.callers:
            target = args.callees or args.callers
            hit = next((i for i, name in enumerate(stack) if target in name), None)
            if hit is None:
                continue
            if args.callees:
                below = [n for n in stack[hit + 1:] if target not in n and not any(p in n for p in ASYNC_PLUMBING)]
                key = ' > '.join(short(n) for n in below[:args.depth]) or '(itself)'
            else:
                above = [n for n in stack[:hit] if not any(p in n for p in ASYNC_PLUMBING)]
                key = ' <- '.join(short(n) for n in reversed(above[-args.depth:]))
            grouped[key] += weight
            inclusive[target] += weight
            continue
        for name in set(stack):
            inclusive[name] += weight
        own = next((n for n in reversed(stack) if n not in ('CPU_TIME', 'UNMANAGED_CODE_TIME')), '?')
        exclusive[own] += weight

    if total == 0:
        print('no CPU samples')
        return
    if args.callees or args.callers:
        target = args.callees or args.callers
        print(f'{100 * inclusive[target] / total:5.1f}% of the CPU samples are in {target}')
        for key, weight in grouped.most_common(args.top):
            print(f'{100 * weight / total:5.1f}% {key}')
        return
    print('== inclusive (async plumbing left out)')
    shown = 0
    for name, weight in inclusive.most_common():
        if any(p in name for p in ASYNC_PLUMBING) or name.startswith(('Process', 'Thread', '(Non-Activities)', 'Threads')):
            continue
        print(f'{100 * weight / total:5.1f}% {name[:160]}')
        shown += 1
        if shown == args.top:
            break
    print('== exclusive')
    for name, weight in exclusive.most_common(args.top):
        print(f'{100 * weight / total:5.1f}% {name[:160]}')


if __name__ == '__main__':
    main()
