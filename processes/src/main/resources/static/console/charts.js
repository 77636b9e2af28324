// Bar charts from the figures the page carries in data-chart: {labels, unit, series: [{name, values}]}.
document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('[data-chart]').forEach(element => {
    const data = JSON.parse(element.dataset.chart);
    const chart = echarts.init(element, null, {renderer: 'svg'});
    chart.setOption({
      animation: false,
      color: ['#0b5cad', '#7fb8f0', '#a4161a'],
      tooltip: {trigger: 'axis'},
      legend: {show: data.series.length > 1, bottom: 0},
      grid: {left: 48, right: 16, top: 16, bottom: data.series.length > 1 ? 56 : 32},
      xAxis: {type: 'category', data: data.labels, axisLabel: {interval: 0, hideOverlap: true}},
      yAxis: {type: 'value', name: data.unit || '', minInterval: 1},
      series: data.series.map(s => ({name: s.name, type: 'bar', data: s.values}))
    });
    window.addEventListener('resize', () => chart.resize());
  });
});
